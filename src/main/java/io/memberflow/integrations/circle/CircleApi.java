package io.memberflow.integrations.circle;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The Circle Admin API v2 calls memberflow uses. Paths are relative to the base URL
 * ({@code https://app.circle.so/api/admin/v2/}). Answers are read raw so that every status,
 * including error bodies, is interpreted by {@link CircleClient}.
 */
interface CircleApi {

    @GET("community_members/search")
    Call<ResponseBody> searchMember(@Query("email") String email);

    @GET("community_members/{id}")
    Call<ResponseBody> member(@Path("id") long communityMemberId);

    @POST("community_members")
    Call<ResponseBody> createMember(@Body CreateMember request);

    @POST("access_groups/{id}/community_members")
    Call<ResponseBody> addAccessGroupMember(@Path("id") long accessGroupId, @Body MemberEmail request);

    /** 200 when the member holds the access group, 404 when not (or no such member or group). */
    @GET("access_groups/{id}/community_member")
    Call<ResponseBody> accessGroupMember(@Path("id") long accessGroupId, @Query("email") String email);

    /** One page (from 1) of the access group's members. */
    @GET("access_groups/{id}/community_members")
    Call<ResponseBody> accessGroupMembers(@Path("id") long accessGroupId, @Query("page") int page,
                                          @Query("per_page") int perPage);

    @DELETE("access_groups/{id}/community_members")
    Call<ResponseBody> removeAccessGroupMember(@Path("id") long accessGroupId, @Query("email") String email);

    /** Body of POST /community_members; a null name is left out. */
    record CreateMember(String email, String name, boolean skipInvitation) {
    }

    /** Body of POST /access_groups/{id}/community_members. */
    record MemberEmail(String email) {
    }
}

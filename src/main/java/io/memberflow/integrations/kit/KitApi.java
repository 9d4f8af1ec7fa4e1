package io.memberflow.integrations.kit;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The Kit API v4 calls memberflow uses. Paths are relative to the base URL
 * ({@code https://api.kit.com/v4/}). Answers are read raw so that every status, including Kit's
 * plain-text 429, is interpreted by {@link KitClient}.
 */
interface KitApi {

    @POST("subscribers")
    Call<ResponseBody> upsertSubscriber(@Body UpsertSubscriber request);

    /** {@code status=all}: Kit's default filter would hide cancelled (unsubscribed) subscribers. */
    @GET("subscribers")
    Call<ResponseBody> findSubscribers(@Query("email_address") String email, @Query("status") String status);

    /** One page of the tag's subscribers; {@code after} is the previous page's end cursor, null for the first. */
    @GET("tags/{tag_id}/subscribers")
    Call<ResponseBody> tagSubscribers(@Path("tag_id") long tagId, @Query("per_page") int perPage,
                                      @Query("after") String after, @Query("status") String status);

    @POST("tags/{tag_id}/subscribers")
    Call<ResponseBody> tagSubscriber(@Path("tag_id") long tagId, @Body EmailAddress request);

    @DELETE("tags/{tag_id}/subscribers/{subscriber_id}")
    Call<ResponseBody> untagSubscriber(@Path("tag_id") long tagId, @Path("subscriber_id") long subscriberId);

    /** Body of POST /subscribers; a null first name is left out. */
    record UpsertSubscriber(String emailAddress, String firstName) {
    }

    /** Body of POST /tags/{tag_id}/subscribers. */
    record EmailAddress(String emailAddress) {
    }
}

package io.memberflow.integrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * The plumbing both vendor clients share: HTTP client and Retrofit setup, running one call, and
 * turning an unwanted answer into a classified {@link VendorCallException} with an operator hint.
 *
 * <p>One instance per client; it knows the vendor's name, its secret (only to scrub it from texts)
 * and the name of the setting that holds the secret. Logs only at debug, without personal data.
 */
public final class VendorHttp {

    /** Connect timeout of the default HTTP client. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Read (and write) timeout of the default HTTP client. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    /** Longest body read from an answer; vendor answers are far smaller. */
    static final int MAX_BODY_CHARS = 64 * 1024;
    /**
     * Longest body read from a list page: a full page (Kit: 1,000 subscribers, Circle: 100 records) runs to a few
     * hundred kB, far past {@link #MAX_BODY_CHARS}; a cut body would not parse.
     */
    public static final int MAX_PAGE_BODY_CHARS = 4 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(VendorHttp.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final String vendor;
    private final String displayName;
    private final String secret;
    private final String secretVariable;
    private final String refusalHint;
    private final Duration rateLimitDelay;
    private final Clock clock;

    /**
     * @param vendor         {@code "circle"} or {@code "kit"}, as it appears in exceptions and logs
     * @param displayName    the vendor's name in hints, e.g. {@code "Circle"}
     * @param secret         the API token or key; used only to scrub it from texts
     * @param secretVariable the setting an operator must check on a 401, e.g. {@code "CIRCLE_API_TOKEN"}
     * @param refusalHint    what a 403 means for this vendor
     * @param rateLimitDelay the wait to report on a 429 that carries no {@code Retry-After}
     * @param clock          for {@code Retry-After} dates
     */
    public VendorHttp(String vendor, String displayName, String secret, String secretVariable,
                      String refusalHint, Duration rateLimitDelay, Clock clock) {
        this.vendor = Objects.requireNonNull(vendor);
        this.displayName = Objects.requireNonNull(displayName);
        this.secret = Objects.requireNonNull(secret);
        this.secretVariable = Objects.requireNonNull(secretVariable);
        this.refusalHint = Objects.requireNonNull(refusalHint);
        this.rateLimitDelay = rateLimitDelay;
        this.clock = Objects.requireNonNull(clock);
    }

    /** The JSON mapper: snake_case names, unknown properties ignored, nulls not written. */
    public static ObjectMapper objectMapper() {
        return MAPPER;
    }

    /** A fresh HTTP client with the default timeouts: connect 5 s, read and write 15 s. */
    public static OkHttpClient defaultHttpClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .writeTimeout(READ_TIMEOUT)
                .build();
    }

    /**
     * The address stripped of surrounding blanks.
     *
     * @throws IllegalArgumentException when it is null or blank
     */
    public static String requireEmail(String email) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("an e-mail address is required");
        }
        return email.strip();
    }

    /**
     * The base URL with exactly one trailing slash (Retrofit resolves relative paths against it),
     * or {@code defaultUrl} when {@code baseUrl} is null or blank.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL
     */
    public static String normaliseBaseUrl(String baseUrl, String defaultUrl) {
        String url = baseUrl == null || baseUrl.isBlank() ? defaultUrl : baseUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        url = url + "/";
        if (HttpUrl.parse(url) == null) {
            throw new IllegalArgumentException("not an http(s) base URL: " + url);
        }
        return url;
    }

    /**
     * Builds the Retrofit implementation of {@code api}. The HTTP client is derived from {@code base}
     * (its timeouts are kept), adds the auth header to every request and does not follow redirects,
     * so the secret never travels to another host.
     */
    public <T> T createApi(Class<T> api, String baseUrl, OkHttpClient base, String authHeader, String authValue) {
        OkHttpClient client = base.newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header(authHeader, authValue)
                        .header("Accept", "application/json")
                        .build()))
                .build();
        return new Retrofit.Builder()
                .baseUrl(baseUrl)
                .client(client)
                .addConverterFactory(JacksonConverterFactory.create(MAPPER))
                .build()
                .create(api);
    }

    /** Pauses before the step-level retries of one call (a short blip costs milliseconds, not an activity retry). */
    static final long[] STEP_RETRY_MILLIS = {150, 400};

    /**
     * Runs the call and reads its answer, whatever its status. A 5xx answer or no answer is retried right here, up
     * to {@link #STEP_RETRY_MILLIS} more times, so one failed step of a chain (look up, create, grant) does not
     * restart the whole chain through an activity retry; member creation is never repeated here (not
     * idempotent), and 429s are left to the activity retry, which honours the vendor's wait.
     *
     * @throws VendorCallException retryable, status 0, when no answer arrived (I/O error, timeout)
     */
    public VendorResponse execute(Call<ResponseBody> call, String callName) {
        return execute(call, callName, MAX_BODY_CHARS);
    }

    /** {@link #execute(Call, String)} keeping up to {@code maxBodyChars} of the body, e.g. {@link #MAX_PAGE_BODY_CHARS}. */
    public VendorResponse execute(Call<ResponseBody> call, String callName, int maxBodyChars) {
        boolean repeatable = !isMemberCreation(call.request());
        for (int attempt = 0; ; attempt++) {
            Call<ResponseBody> current = attempt == 0 ? call : call.clone();
            boolean last = !repeatable || attempt >= STEP_RETRY_MILLIS.length;
            try {
                VendorResponse answer = executeOnce(current, callName, maxBodyChars);
                if (last || answer.status() < 500) {
                    return answer;
                }
            } catch (VendorCallException e) {
                if (last) {
                    throw e;
                }
            }
            try {
                Thread.sleep(STEP_RETRY_MILLIS[attempt]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return executeOnce(call.clone(), callName, maxBodyChars);
            }
        }
    }

    /** Circle's {@code POST /community_members} (not {@code /access_groups/{id}/community_members}). */
    static boolean isMemberCreation(okhttp3.Request request) {
        java.util.List<String> segments = request.url().pathSegments();
        int n = segments.size();
        return "POST".equals(request.method()) && n > 0 && "community_members".equals(segments.get(n - 1))
                && (n < 2 || !segments.get(n - 2).matches("\\d+"));
    }

    private VendorResponse executeOnce(Call<ResponseBody> call, String callName, int maxBodyChars) {
        try {
            Response<ResponseBody> response = call.execute();
            ResponseBody body = response.isSuccessful() ? response.body() : response.errorBody();
            VendorResponse answer = new VendorResponse(
                    response.code(), read(body, maxBodyChars), response.headers().get("Retry-After"));
            log.debug("{} {} -> HTTP {}", vendor, callName, answer.status());
            return answer;
        } catch (IOException e) {
            log.debug("{} {} -> no answer ({})", vendor, callName, e.getClass().getSimpleName());
            String what = e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Redaction.secret(e.getMessage(), secret));
            throw new VendorCallException(vendor, callName, 0, true, null, null,
                    "network problem or " + displayName + " too slow (" + what + "), will retry", e);
        }
    }

    /** The classified exception for an unwanted answer, with the standard hint for its status. */
    public VendorCallException failure(String callName, VendorResponse answer) {
        return failure(callName, answer, null);
    }

    /**
     * The classified exception for an unwanted answer.
     *
     * @param action the hint to give instead of the standard one for the status, or {@code null}
     */
    public VendorCallException failure(String callName, VendorResponse answer, String action) {
        int status = answer.status();
        boolean retryable = VendorCallException.isRetryableStatus(status);
        Duration retryAfter = null;
        if (retryable) {
            retryAfter = RetryAfter.parse(answer.retryAfterHeader(), clock);
            if (retryAfter == null && status == 429) {
                retryAfter = rateLimitDelay;
            }
        }
        return new VendorCallException(vendor, callName, status, retryable, retryAfter,
                Redaction.secret(answer.vendorMessage(), secret),
                action != null ? action : hint(status), null);
    }

    /** A final exception for a success answer whose body lacks what the API promises. */
    public VendorCallException unexpectedAnswer(String callName, VendorResponse answer, String missing) {
        return new VendorCallException(vendor, callName, answer.status(), false, null, null,
                "the answer has no " + missing + ": has " + displayName + "'s API changed?", null);
    }

    private String hint(int status) {
        if (status >= 300 && status < 400) {
            return "unexpected redirect: check the configured " + displayName + " base URL";
        }
        return switch (status) {
            case 400 -> displayName + " rejected the request as malformed: fix the data or the client";
            case 401 -> "check " + secretVariable + " (missing, revoked or the wrong kind of credential)";
            case 403 -> refusalHint;
            case 404 -> displayName + " has no such record: check the configured id and that the record exists";
            case 408 -> displayName + " timed out the request, will retry";
            case 422 -> displayName + " rejected the data as invalid: fix the data, retrying will not help";
            case 429 -> "rate limited, will retry";
            default -> status >= 500
                    ? displayName + " server error, will retry"
                    : "unexpected answer from " + displayName + ", not retried";
        };
    }

    private static String read(ResponseBody body, int maxChars) throws IOException {
        if (body == null) {
            return "";
        }
        MediaType type = body.contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        try (body; InputStream in = body.byteStream()) {
            String text = new String(in.readNBytes(maxChars * 4), charset);
            return text.length() <= maxChars ? text : text.substring(0, maxChars);
        }
    }
}

package ai.automations.registry.support;

import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * One page of a list. Lists are answered as a JSON array; the cursor of the next page, when there is one, is in the
 * {@code X-Next-Cursor} header (and a {@code Link: <...>; rel="next"} header).
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final String NEXT_CURSOR = "X-Next-Cursor";

    /**
     * A page from up to {@code limit + 1} rows fetched in key order: the extra row only says that another page
     * exists.
     */
    public static <R, T> Page<T> of(List<R> rows, PageRequest request, Function<R, String> key, Function<R, T> view) {
        boolean more = rows.size() > request.limit();
        List<R> page = more ? rows.subList(0, request.limit()) : rows;
        String next = more ? PageRequest.encode(key.apply(page.get(page.size() - 1))) : null;
        return new Page<>(page.stream().map(view).toList(), next);
    }

    public <U> Page<U> map(Function<T, U> f) {
        return new Page<>(items.stream().map(f).toList(), nextCursor);
    }

    /** The HTTP answer: the items as an array, the next cursor in headers. */
    public Response toResponse(UriInfo uri) {
        Response.ResponseBuilder ok = Response.ok(items);
        if (nextCursor != null) {
            ok.header(NEXT_CURSOR, nextCursor);
            ok.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", nextCursor).build()
                    + ">; rel=\"next\"");
        }
        return ok.build();
    }
}

package dev.deployer.server.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/** Serves the dashboard's static files from the web-ui jar: {@code /} and {@code /ui/...}. */
@Path("/")
public class WebUiResource {
    private static final Pattern SAFE_PATH = Pattern.compile("^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.[a-z0-9]+$");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    @GET
    public Response index() {
        return file("index.html");
    }

    @GET
    @Path("ui/{path: .+}")
    public Response asset(@PathParam("path") String path) {
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new NotFoundException();
        }
        return file(path);
    }

    private Response file(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1);
        InputStream in = WebUiResource.class.getResourceAsStream("/web/" + path);
        if (in == null || !TYPES.containsKey(extension)) {
            throw new NotFoundException();
        }
        return Response.ok(in, TYPES.get(extension))
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}

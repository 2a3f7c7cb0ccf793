package dev.dsgen.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.core.DsgenException;
import dev.dsgen.core.HttpAuth;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Logs a build to an MLflow tracking server over its REST API (2.0): finds or creates the
 * experiment, creates a run tagged {@code dataset_version}, logs the metric {@code row_count}, the
 * schema's hash and field list as params, uploads schema.json as an artifact where the server
 * proxies artifacts, and finishes the run. Credentials from MLFLOW_TRACKING_TOKEN or
 * MLFLOW_TRACKING_USERNAME/PASSWORD, never printed. Unreachable or failing: exit 5, unless
 * {@code --mlflow-optional}, then one warning line.
 */
final class MlflowLogger {
    /** Deadline of one request, from sending to the whole answer read. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final BuildConfig cfg;
    private final PrintWriter err;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String[] auth;

    MlflowLogger(BuildConfig cfg, PrintWriter err) {
        this.cfg = cfg;
        this.err = err;
        String u = cfg.mlflowUri();
        this.base = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        this.auth = auth(System.getenv());
    }

    /** The URI without user info, query or fragment: safe to print. */
    static String safe(String uri) {
        try {
            URI u = URI.create(uri);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                    + (u.getPath() == null ? "" : u.getPath());
        } catch (IllegalArgumentException e) {
            return "(unparseable URI)";
        }
    }

    /**
     * Checks the flag's form and the credentials in the environment before the build starts
     * (exit 2), so that neither fails only after the dataset was written.
     */
    static void checkUri(String uri) {
        try {
            URI u = URI.create(uri);
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw DsgenException.usage("--mlflow-uri must be an http(s) URL such as http://127.0.0.1:5000 (--mlflow-uri)");
            }
            if (u.getPort() == 0 || u.getPort() > 65535) {
                throw DsgenException.usage("--mlflow-uri has port " + u.getPort() + ", outside 1 to 65535 (--mlflow-uri)");
            }
        } catch (IllegalArgumentException e) {
            throw DsgenException.usage("--mlflow-uri is not a URL (--mlflow-uri)");
        }
        auth(System.getenv());
    }

    /**
     * The Authorization header from MLFLOW_TRACKING_TOKEN, else MLFLOW_TRACKING_USERNAME and
     * PASSWORD (checked: exit 2 naming the variable, never its value); else only a User-Agent.
     */
    static String[] auth(Map<String, String> env) {
        String token = env.get("MLFLOW_TRACKING_TOKEN");
        if (token != null && !token.isBlank()) {
            return new String[] {"Authorization", HttpAuth.bearer(token.strip(), "the MLflow token",
                    "MLFLOW_TRACKING_TOKEN")};
        }
        String user = env.get("MLFLOW_TRACKING_USERNAME");
        String pass = env.get("MLFLOW_TRACKING_PASSWORD");
        if (user != null && pass != null) {
            return new String[] {"Authorization", HttpAuth.basic(user, pass, "MLFLOW_TRACKING_USERNAME",
                    "MLFLOW_TRACKING_PASSWORD")};
        }
        return new String[] {"User-Agent", "dsgen"};
    }

    /** Returns the run id, or null when MLflow was optional and failed. */
    String log(long rows, String schemaJson) {
        try {
            String experiment = experimentId();
            Map<String, Object> create = new LinkedHashMap<>();
            create.put("experiment_id", experiment);
            create.put("run_name", "planner-dataset-" + cfg.date());
            create.put("start_time", System.currentTimeMillis());
            create.put("tags", List.of(tag("dataset_version", cfg.date().toString()), tag("mlflow.source.name", "dsgen")));
            JsonNode run = post("runs/create", create);
            String runId = run.path("run").path("info").path("run_id").asText(null);
            if (runId == null) {
                throw new IOException("runs/create returned no run_id");
            }
            Map<String, Object> batch = new LinkedHashMap<>();
            batch.put("run_id", runId);
            batch.put("metrics", List.of(Map.of("key", "row_count", "value", rows, "timestamp",
                    System.currentTimeMillis(), "step", 0)));
            batch.put("params", List.of(tag("dataset_date", cfg.date().toString()),
                    tag("schema_sha256", DigestUtils.sha256Hex(schemaJson)),
                    tag("dataset_path", cfg.folder().toString()),
                    tag("schema_fields", "input{household,pantry,constraints,workflow_type,mode,previous_plan},"
                            + "target{accepted_plan,user_edits},metadata{timestamp,policy_version_id,event_id,...}")));
            batch.put("tags", List.of(tag("dataset_version", cfg.date().toString())));
            post("runs/log-batch", batch);
            String artifactPath = run.path("run").path("info").path("artifact_uri").asText("");
            uploadSchema(experiment, runId, schemaJson, artifactPath);
            post("runs/update", Map.of("run_id", runId, "status", "FINISHED", "end_time", System.currentTimeMillis()));
            return runId;
        } catch (IOException e) {
            return fail(e.getMessage());
        } catch (IllegalArgumentException e) {
            // Never the exception's text: for a header it quotes the whole value, token included.
            return fail("cannot build a request for it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private String fail(String why) {
        String msg = "MLflow tracking server failed at " + safe(cfg.mlflowUri()) + ": " + why;
        if (cfg.mlflowOptional()) {
            err.println("dsgen: warning: " + msg + "; dataset written, run not logged (--mlflow-optional)");
            err.flush();
            return null;
        }
        throw DsgenException.external(msg + "; the dataset was written to " + cfg.folder()
                + " (--mlflow-uri; add --mlflow-optional to go on without it)", null);
    }

    private String experimentId() throws IOException, InterruptedException {
        HttpResponse<String> r = send(request("experiments/get-by-name?experiment_name="
                + URLEncoder.encode(cfg.mlflowExperiment(), StandardCharsets.UTF_8)).GET().build());
        if (r.statusCode() == 200) {
            return Json.MAPPER.readTree(r.body()).path("experiment").path("experiment_id").asText();
        }
        if (r.statusCode() != 404) {
            throw new IOException("experiments/get-by-name answered HTTP " + r.statusCode());
        }
        return post("experiments/create", Map.of("name", cfg.mlflowExperiment())).path("experiment_id").asText();
    }

    private void uploadSchema(String experiment, String runId, String schemaJson, String artifactUri)
            throws IOException, InterruptedException {
        // Servers started with artifact proxying accept uploads here; others answer 404/501: then the
        // params above (schema hash and field list) stand in for the artifact.
        String path = "mlflow-artifacts/artifacts/" + experiment + "/" + runId + "/artifacts/schema.json";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/2.0/" + path))
                .timeout(TIMEOUT).headers(auth)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(schemaJson, StandardCharsets.UTF_8)).build());
        String status = r.statusCode() / 100 == 2 ? "uploaded" : "not uploaded (HTTP " + r.statusCode() + ")";
        post("runs/set-tag", Map.of("run_id", runId, "key", "schema_artifact", "value", status));
    }

    private JsonNode post(String endpoint, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = send(request(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))).build());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(endpoint + " answered HTTP " + r.statusCode());
        }
        String text = r.body();
        return Json.MAPPER.readTree(text == null || text.isBlank() ? "{}" : text);
    }

    private HttpRequest.Builder request(String endpoint) {
        return HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/" + endpoint))
                .timeout(TIMEOUT).headers(auth);
    }

    /**
     * Sends and reads the whole answer within {@link #TIMEOUT}: the request's own timeout covers
     * only the wait for the headers, and a server that then stalls the body would hold the run.
     */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        var f = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return f.get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new IOException("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof java.net.ConnectException) {
                throw new IOException("connection refused");
            }
            if (c instanceof java.net.http.HttpTimeoutException) {
                throw new IOException("no answer within " + TIMEOUT.toSeconds() + " s");
            }
            // Only an I/O failure's text is shown; anything else could quote a request header.
            throw new IOException(c instanceof IOException && c.getMessage() != null ? c.getMessage() : "request failed");
        }
    }

    private static Map<String, String> tag(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("value", value);
        return m;
    }
}

package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mlflow-uri} against a real HTTP server on 127.0.0.1 that answers as an MLflow tracking
 * server's REST API does, recording every request.
 */
class PlannerMlflowTest {
    record Call(String method, String path, JsonNode body, String raw) {
    }

    @TempDir
    Path tmp;
    private HttpServer server;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean artifactsProxied = true;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        JsonNode body = raw.isEmpty() || !raw.startsWith("{") ? null : Json.MAPPER.readTree(raw);
        calls.add(new Call(ex.getRequestMethod(), ex.getRequestURI().toString(), body, raw));
        int status = 200;
        String answer = "{}";
        if (path.endsWith("/experiments/get-by-name")) {
            status = 404;
            answer = "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\"}";
        } else if (path.endsWith("/experiments/create")) {
            answer = "{\"experiment_id\":\"17\"}";
        } else if (path.endsWith("/runs/create")) {
            answer = "{\"run\":{\"info\":{\"run_id\":\"run-abc\",\"artifact_uri\":\"mlflow-artifacts:/17/run-abc/artifacts\"}}}";
        } else if (path.contains("/mlflow-artifacts/")) {
            status = artifactsProxied ? 200 : 404;
        }
        byte[] b = answer.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private String db() {
        return "jdbc:duckdb:" + tmp.resolve("events.duckdb");
    }

    private CliRun build(String uri, String... extra) {
        List<String> args = new ArrayList<>(List.of("planner-dataset", "build", "--date", "2025-01-09", "--db", db(),
                "--out", tmp.resolve("ds").toString(), "--min-rows", "50", "-q", "--mlflow-uri", uri));
        args.addAll(List.of(extra));
        return CliRun.inProcess(args.toArray(String[]::new));
    }

    @Test
    void logsTheRunWithDatasetVersionRowCountAndSchema() throws IOException {
        CliRun.inProcess("planner-dataset", "simulate", "--households", "100", "--days", "10", "--db", db(), "-q")
                .assertExit(0);
        build("http://127.0.0.1:" + server.getAddress().getPort(), "--mlflow-experiment", "meal plans")
                .assertExit(0).assertStderrEmpty();
        List<String> paths = calls.stream().map(c -> c.method() + " " + c.path().replaceAll("\\?.*", "")).toList();
        assertEquals(List.of("GET /api/2.0/mlflow/experiments/get-by-name", "POST /api/2.0/mlflow/experiments/create",
                "POST /api/2.0/mlflow/runs/create", "POST /api/2.0/mlflow/runs/log-batch",
                "PUT /api/2.0/mlflow-artifacts/artifacts/17/run-abc/artifacts/schema.json",
                "POST /api/2.0/mlflow/runs/set-tag", "POST /api/2.0/mlflow/runs/update"), paths);
        assertTrue(calls.get(0).path().contains("experiment_name=meal+plans"), calls.get(0).path());
        assertEquals("meal plans", calls.get(1).body().get("name").asText());
        assertEquals("17", calls.get(2).body().get("experiment_id").asText());
        assertTrue(calls.get(2).body().get("tags").toString().contains("\"dataset_version\""));
        JsonNode batch = calls.get(3).body();
        assertEquals("run-abc", batch.get("run_id").asText());
        assertEquals("row_count", batch.get("metrics").get(0).get("key").asText());
        Path folder = tmp.resolve("ds/date=2025-01-09");
        long rows = Json.MAPPER.readTree(Files.readString(folder.resolve("_metadata.json"))).get("outputs").get(0)
                .get("rows").asLong();
        assertEquals(rows, batch.get("metrics").get(0).get("value").asLong());
        assertEquals("{\"key\":\"dataset_version\",\"value\":\"2025-01-09\"}", batch.get("tags").get(0).toString());
        assertTrue(batch.get("params").toString().contains("schema_sha256"));
        assertEquals(Files.readString(folder.resolve("_schema.json")), calls.get(4).raw(), "schema.json uploaded as an artifact");
        assertEquals("uploaded", calls.get(5).body().get("value").asText());
        assertEquals("FINISHED", calls.get(6).body().get("status").asText());
    }

    @Test
    void serverWithoutArtifactProxyStillGetsTheRunAndParams() {
        artifactsProxied = false;
        CliRun.inProcess("planner-dataset", "simulate", "--households", "100", "--days", "10", "--db", db(), "-q")
                .assertExit(0);
        build("http://127.0.0.1:" + server.getAddress().getPort()).assertExit(0).assertStderrEmpty();
        assertTrue(calls.stream().anyMatch(c -> c.body() != null && "schema_artifact".equals(c.body().path("key").asText())
                && c.body().path("value").asText().startsWith("not uploaded (HTTP 404)")));
    }

    @Test
    void unreachableMlflowIsExit5UnlessOptional() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun.inProcess("planner-dataset", "simulate", "--households", "100", "--days", "10", "--db", db(), "-q")
                .assertExit(0);
        CliRun failed = build("http://user:secret@127.0.0.1:" + port).assertFails(5, "127.0.0.1:" + port, "--mlflow-uri");
        assertTrue(!failed.err().contains("secret"), failed.describe());
        CliRun optional = build("http://127.0.0.1:" + port, "--mlflow-optional").assertExit(0);
        assertTrue(optional.err().startsWith("dsgen: warning: MLflow") && optional.err().contains("--mlflow-optional"),
                optional.describe());
        assertTrue(Files.exists(tmp.resolve("ds/date=2025-01-09/training.parquet")));
    }
}

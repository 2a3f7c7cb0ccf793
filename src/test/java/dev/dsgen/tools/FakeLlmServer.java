package dev.dsgen.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted OpenAI-compatible {@code /v1/chat/completions} server on 127.0.0.1 (a real
 * {@code com.sun.net.httpserver.HttpServer}) for tests and the benchmark. By default it answers
 * every request, after {@code delayMs}, with queries derived from the prompt (the same request
 * always gets the same answer); a script can answer request N otherwise (garbage, 429, 500, a hang).
 * As a program it serves until killed:
 *
 * <pre>java -Dsun.net.httpserver.nodelay=true -cp target/dsgen.jar:target/test-classes dev.dsgen.tools.FakeLlmServer PORT DELAY_MS</pre>
 */
public final class FakeLlmServer implements AutoCloseable {
    /** What to send back: status, headers, body, and how long to wait first. */
    public record Reply(int status, Map<String, String> headers, String body, long delayMs) {
        public static Reply content(String content) {
            return new Reply(200, Map.of(), completion(content), 0);
        }
    }

    /** A reply header that makes the server stall this many ms in the middle of the body (sent too; harmless). */
    public static final String STALL_BODY_MS = "X-Fake-Stall-Body-Ms";

    /** One request as received. */
    public record Received(String authorization, String body) {
    }

    private static final Pattern PLATFORM = Pattern.compile("Platform: ([^(\\n]+) \\(([^,]+), ([^,]+), (\\d{4})");
    private static final Pattern COUNT = Pattern.compile("Write (\\d+) different");

    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile BiFunction<Integer, String, Reply> script;
    private final long delayMs;

    public FakeLlmServer(int port, long delayMs, BiFunction<Integer, String, Reply> script) throws IOException {
        this.delayMs = delayMs;
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        pool = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "fake-llm");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /** A server answering every request well after {@code delayMs}. */
    public static FakeLlmServer good(long delayMs) throws IOException {
        return new FakeLlmServer(0, delayMs, null);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    public List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** Replaces the script (null: answer every request well). */
    public void script(BiFunction<Integer, String, Reply> s) {
        this.script = s;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n = requests.incrementAndGet();
            received.add(new Received(ex.getRequestHeaders().getFirst("Authorization"), body));
            BiFunction<Integer, String, Reply> s = script;
            Reply reply = s == null ? null : s.apply(n, body);
            if (reply == null) {
                reply = new Reply(200, Map.of(), completion(answer(body)), delayMs);
            }
            if (reply.delayMs() > 0) {
                try {
                    Thread.sleep(reply.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    String stall = reply.headers().get(STALL_BODY_MS);
                    if (stall != null) {
                        // Headers and half the body now, the rest only after the stall.
                        out.write(bytes, 0, bytes.length / 2);
                        out.flush();
                        try {
                            Thread.sleep(Long.parseLong(stall));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
                    } else {
                        out.write(bytes);
                    }
                }
            }
        } catch (IOException e) {
            // the client gave up (timeout test): nothing to answer
        }
    }

    /** The chat-completions envelope around {@code content}. */
    public static String completion(String content) {
        return Json.pretty(Map.of("id", "chatcmpl-test", "object", "chat.completion", "choices",
                List.of(Map.of("index", 0, "finish_reason", "stop", "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 120, "completion_tokens", 40, "total_tokens", 160)));
    }

    /** A JSON answer with the queries a model might write for the prompt in {@code body}. */
    public static String answer(String body) {
        String user = "";
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            for (JsonNode m : n.path("messages")) {
                if (m.path("role").asText().equals("user")) {
                    user = m.path("content").asText();
                }
            }
        } catch (IOException e) {
            return "{}";
        }
        Matcher p = PLATFORM.matcher(user);
        Matcher c = COUNT.matcher(user);
        int count = c.find() ? Integer.parseInt(c.group(1)) : 3;
        boolean found = p.find();
        String name = found ? p.group(1).strip() : "the platform";
        String sector = found ? p.group(2).toLowerCase(java.util.Locale.ROOT) : "deals";
        String region = found ? p.group(3) : "";
        String year = found ? p.group(4) : "";
        List<String> all = List.of(sector + " add-on acquisitions in " + region + " by " + name,
                name + " buy-and-build " + year, region + " " + sector + " platform " + year + " and its bolt-ons",
                "who owns " + name + " (" + sector + ")", sector + " roll-ups like " + name + " since " + year);
        return Json.pretty(Map.of("queries", all.subList(0, Math.min(count, all.size()))));
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        long delay = args.length > 1 ? Long.parseLong(args[1]) : 50;
        FakeLlmServer s = new FakeLlmServer(port, delay, null);
        System.out.println("fake LLM server on " + s.baseUrl() + ", " + delay + " ms per answer");
        System.out.flush();
        Thread.currentThread().join();
    }
}

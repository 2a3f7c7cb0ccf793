package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.llm.LlmSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Where the LLM settings come from: flags over environment over defaults; when a key is required. */
class LlmOptionsTest {
    @TempDir
    Path tmp;

    private static LlmOptions parse(String... args) {
        LlmOptions o = new LlmOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverDefaults() {
        Map<String, String> env = Map.of("OPENAI_BASE_URL", "http://127.0.0.1:8000/v1", "DSGEN_LLM_MODEL", "env-model",
                "OPENAI_API_KEY", "sk-env");
        LlmSettings fromEnv = parse().toSettings(false, 1, env::get);
        assertEquals("http://127.0.0.1:8000/v1", fromEnv.baseUrl().toString());
        assertEquals("env-model", fromEnv.model());
        assertEquals("sk-env", fromEnv.apiKey());
        LlmSettings fromFlags = parse("--llm-base-url", "https://llm.example.com/v1", "--llm-model", "flag-model")
                .toSettings(false, 1, env::get);
        assertEquals("https://llm.example.com/v1/chat/completions", fromFlags.endpoint().toString());
        assertEquals("flag-model", fromFlags.model());
        LlmSettings defaults = parse().toSettings(true, 1, k -> null);
        assertEquals(LlmSettings.DEFAULT_BASE_URL, defaults.baseUrl().toString());
        assertEquals("gpt-4.1-mini", defaults.model());
        assertEquals(4, defaults.concurrency());
    }

    @Test
    void aKeyFileWinsOverTheEnvironmentAndIsNeverShown() throws IOException {
        Path f = Files.writeString(tmp.resolve("key"), "  sk-file-123  \n");
        LlmSettings s = parse("--llm-api-key-file", f.toString()).toSettings(false, 1, Map.of("OPENAI_API_KEY", "sk-env")::get);
        assertEquals("sk-file-123", s.apiKey());
        assertFalse(s.toString().contains("sk-file-123"), s.toString());
        Files.writeString(f, "\n");
        DsgenException e = assertThrows(DsgenException.class,
                () -> parse("--llm-api-key-file", f.toString()).toSettings(false, 1, k -> null));
        assertEquals(ExitCode.INPUT, e.exitCode());
        e = assertThrows(DsgenException.class,
                () -> parse("--llm-api-key-file", tmp.resolve("none").toString()).toSettings(false, 1, k -> null));
        assertEquals(ExitCode.INPUT, e.exitCode());
    }

    @Test
    void onlyARemoteEndpointOutsideDryRunNeedsAKey() {
        DsgenException e = assertThrows(DsgenException.class, () -> parse().toSettings(false, 1, k -> null));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--dry-run") && e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
        for (String local : new String[] {"http://localhost:11434/v1", "http://127.0.0.1:8000/v1", "http://[::1]:1234/v1"}) {
            assertNull(parse("--llm-base-url", local).toSettings(false, 1, k -> null).apiKey(), local);
        }
        assertNull(parse().toSettings(true, 1, Map.of("OPENAI_API_KEY", "sk-unused")::get).apiKey(), "dry-run reads no key");
        assertThrows(DsgenException.class, () -> parse("--llm-base-url", "http://10.0.0.5:8000/v1").toSettings(false, 1, k -> null));
    }
}

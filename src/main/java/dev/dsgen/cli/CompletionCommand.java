package dev.dsgen.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a shell completion script: {@code source <(dsgen completion bash)}. */
@Command(name = "completion", description = "Print a bash or zsh completion script for dsgen.",
        mixinStandardHelpOptions = true, versionProvider = Dsgen.VersionProvider.class)
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash or zsh (default: ${DEFAULT-VALUE}).")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw dev.dsgen.core.DsgenException.usage("unknown shell '" + shell + "' (SHELL; use bash or zsh)");
        }
        var root = spec.commandLine().getParent();
        String script = AutoComplete.bash("dsgen", root);
        var out = spec.commandLine().getOut();
        if (shell.equals("zsh")) {
            // picocli's script is bash; zsh runs it through bashcompinit.
            out.print("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n");
        }
        out.print(script);
        out.flush();
        return 0;
    }
}

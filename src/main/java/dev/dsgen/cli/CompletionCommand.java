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

    /** The shells picocli's completion script runs in. */
    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Shell shell;

    @Override
    public Integer call() {
        var root = spec.commandLine().getParent();
        String script = AutoComplete.bash("dsgen", root);
        var out = spec.commandLine().getOut();
        if (shell == Shell.zsh) {
            // picocli's script is bash; zsh runs it through bashcompinit.
            out.print("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n");
        }
        out.print(script);
        out.flush();
        return 0;
    }
}

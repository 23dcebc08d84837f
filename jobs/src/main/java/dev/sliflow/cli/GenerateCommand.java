package dev.sliflow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "generate", mixinStandardHelpOptions = true, description = "Writes deterministic synthetic access logs.")
public final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}

package se.vaxel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where staff.yaml and the organisation's own templates are: shared by every command. */
final class StaffOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "staff.yaml",
      description = "The staff file (default: ${DEFAULT-VALUE}).")
  Path file;

  Optional<Path> templates = Optional.empty();

  @Option(names = "--templates", paramLabel = "DIR",
      description = "The organisation's own templates; they win over the shipped ones, "
          + "file by file (e.g. DIR/sv/greeting.ftl).")
  void templates(Path dir) {
    // Checked here, so a mistyped directory is bad input (exit 2), not a failure later.
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "--templates " + dir
          + " is not a directory");
    }
    templates = Optional.of(dir);
  }
}

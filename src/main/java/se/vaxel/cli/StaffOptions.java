package se.vaxel.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where staff.yaml and the organisation's own templates are: shared by every command. */
final class StaffOptions {
  @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "staff.yaml",
      description = "The staff file (default: ${DEFAULT-VALUE}).")
  Path file;

  @Option(names = "--templates", paramLabel = "DIR",
      description = "The organisation's own templates; they win over the shipped ones, "
          + "file by file (e.g. DIR/sv/greeting.ftl).")
  Optional<Path> templates = Optional.empty();
}

package se.vaxel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of plan and apply beyond staff.yaml and the AMI. */
final class DeployOptions {
  @Option(names = "--asterisk-conf-dir", paramLabel = "DIR", defaultValue = "/etc/asterisk",
      description = "Asterisk's configuration directory (default: ${DEFAULT-VALUE}).")
  Path confDir;

  @Option(names = "--all", description = "List every change, not the first 25 of each kind.")
  boolean all;
}

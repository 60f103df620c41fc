package se.vaxel.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import se.vaxel.ami.AmiSettings;

/**
 * How to reach the PBX. The secret is deliberately not an option: argv is visible to every
 * user of the machine through ps and /proc, so it comes from a file or the environment.
 */
final class AmiOptions {
  /** HOST, HOST:PORT, [IPv6] or [IPv6]:PORT; a host is letters, digits, '.', '-' (or IPv6). */
  private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile(
      "(?:\\[([0-9A-Fa-f:.]+)\\]|([A-Za-z0-9.-]+))(?::([0-9]{1,5}))?");

  @Option(names = "--ami", paramLabel = "HOST[:PORT]",
      description = "The Asterisk Manager Interface (default: $VAXEL_AMI, else 127.0.0.1; "
          + "port 5038).")
  String address;

  @Option(names = "--ami-user", paramLabel = "NAME",
      description = "The manager.conf user (default: $VAXEL_AMI_USER, else vaxel).")
  String user;

  @Option(names = "--ami-secret-file", paramLabel = "FILE",
      description = "A file whose first line is the AMI secret (default: "
          + "$VAXEL_AMI_SECRET_FILE); without it, the secret is read from $VAXEL_AMI_SECRET.")
  Optional<Path> secretFile = Optional.empty();

  @Option(names = "--ami-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "How long connecting, the AMI greeting, the login and each AMI action may "
          + "take (default: ${DEFAULT-VALUE}); lists and reloads may take six times as long.")
  int timeoutSeconds;

  /**
   * The settings, with the environment filling what the command line left out. The environment
   * is read here, from the context, rather than by picocli's ${env:...} defaults, so that tests
   * and embedders that hand in an environment get it used.
   */
  AmiSettings settings(CliContext context) {
    Map<String, String> env = context.env();
    String address = this.address != null ? this.address : env.getOrDefault("VAXEL_AMI",
        "127.0.0.1");
    String user = this.user != null ? this.user : env.getOrDefault("VAXEL_AMI_USER", "vaxel");
    Optional<Path> secretFile = this.secretFile.isPresent() ? this.secretFile
        : Optional.ofNullable(env.get("VAXEL_AMI_SECRET_FILE")).filter(f -> !f.isBlank())
            .map(Path::of);
    if (timeoutSeconds < 1) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--ami-timeout must be at least 1 second");
    }
    java.util.regex.Matcher m = ADDRESS.matcher(address.trim());
    if (!m.matches()) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--ami '" + address
          + "' is not HOST, HOST:PORT or [IPv6]:PORT");
    }
    String host = m.group(1) != null ? m.group(1) : m.group(2);
    int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : AmiSettings.DEFAULT_PORT;
    if (!user.chars().allMatch(c -> c > ' ' && c != 0x7f)) {
      // The user name becomes an AMI header: a line break would add headers of its own.
      throw new VaxelException(ExitCode.BAD_INPUT, "--ami-user may not contain spaces or "
          + "control characters");
    }
    String secret = AmiSettings.resolveSecret(secretFile, env);
    try {
      return AmiSettings.of(host, port, user, secret).withTimeouts(
          Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(timeoutSeconds * 6L));
    } catch (IllegalArgumentException e) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--ami " + address + ": " + e.getMessage());
    }
  }
}

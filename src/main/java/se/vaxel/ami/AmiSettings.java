package se.vaxel.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How to reach and log in to the AMI.
 *
 * <p>The secret only ever comes from a file or the environment ({@link #resolveSecret}), never
 * from argv where {@code ps} would show it, and {@link #toString()} masks it because settings end
 * up in logs and error reports.
 *
 * @param actionTimeout how long one action may take to answer
 * @param listTimeout how long a whole list (e.g. 10,000 mailboxes) or a reload may take
 * @param events whether to log in with events on; only needed for {@link
 *     AmiClient#onUserEvent}, and off by default so a check's connection is not flooded
 */
public record AmiSettings(
    String host,
    int port,
    String user,
    String secret,
    Duration actionTimeout,
    Duration listTimeout,
    boolean events) {

  public static final int DEFAULT_PORT = 5038;
  public static final Duration DEFAULT_ACTION_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_LIST_TIMEOUT = Duration.ofSeconds(60);
  public static final String SECRET_ENV = "VAXEL_AMI_SECRET";

  private static final Logger LOG = LoggerFactory.getLogger(AmiSettings.class);

  public AmiSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(actionTimeout, "actionTimeout");
    Objects.requireNonNull(listTimeout, "listTimeout");
    if (host.isBlank()) {
      throw new IllegalArgumentException("AMI host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("AMI port " + port + " is not between 1 and 65535");
    }
    if (user.isBlank()) {
      throw new IllegalArgumentException("AMI user is empty");
    }
    if (actionTimeout.isNegative() || actionTimeout.isZero()) {
      throw new IllegalArgumentException("AMI action timeout must be positive");
    }
    if (listTimeout.isNegative() || listTimeout.isZero()) {
      throw new IllegalArgumentException("AMI list timeout must be positive");
    }
  }

  /** Settings with the default timeouts and events off. */
  public static AmiSettings of(String host, int port, String user, String secret) {
    return new AmiSettings(
        host, port, user, secret, DEFAULT_ACTION_TIMEOUT, DEFAULT_LIST_TIMEOUT, false);
  }

  public AmiSettings withEvents(boolean on) {
    return new AmiSettings(host, port, user, secret, actionTimeout, listTimeout, on);
  }

  public AmiSettings withTimeouts(Duration action, Duration list) {
    return new AmiSettings(host, port, user, secret, action, list, events);
  }

  /** {@code host:port}, with an IPv6 literal in brackets, for messages. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return "AmiSettings[host="
        + host
        + ", port="
        + port
        + ", user="
        + user
        + ", secret=***, actionTimeout="
        + actionTimeout
        + ", listTimeout="
        + listTimeout
        + ", events="
        + events
        + "]";
  }

  /**
   * The AMI secret: the first line of {@code secretFile} (trimmed) when given, else the
   * environment variable {@value #SECRET_ENV}. An explicit file wins over the environment because
   * it was asked for on this command line. Logs a warning when the file is readable by group or
   * others, since anyone who can read it can log in to the PBX.
   *
   * @throws AmiException of kind SETTINGS when there is no secret or the file cannot be read
   */
  public static String resolveSecret(Optional<Path> secretFile, Map<String, String> env) {
    if (secretFile.isPresent()) {
      Path file = secretFile.get();
      String secret = readFirstLine(file).strip();
      if (secret.isEmpty()) {
        throw new AmiException(AmiException.Kind.SETTINGS, "AMI secret file " + file + " is empty");
      }
      looseFilePermissions(file).ifPresent(LOG::warn);
      return secret;
    }
    String fromEnv = env.get(SECRET_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    throw new AmiException(
        AmiException.Kind.SETTINGS,
        "no AMI secret: give --ami-secret-file FILE or set " + SECRET_ENV);
  }

  /**
   * A warning when {@code file} is readable by its group or by others; empty when it is private
   * or the file system has no POSIX permissions to judge by.
   */
  public static Optional<String> looseFilePermissions(Path file) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return Optional.empty();
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = view.readAttributes().permissions();
    } catch (IOException e) {
      return Optional.empty();
    }
    boolean loose =
        permissions.contains(PosixFilePermission.GROUP_READ)
            || permissions.contains(PosixFilePermission.OTHERS_READ);
    return loose
        ? Optional.of(
            "AMI secret file " + file + " is readable by group or others; chmod 600 it")
        : Optional.empty();
  }

  private static String readFirstLine(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      return line == null ? "" : line;
    } catch (NoSuchFileException e) {
      throw new AmiException(
          AmiException.Kind.SETTINGS, "AMI secret file " + file + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new AmiException(
          AmiException.Kind.SETTINGS,
          "cannot read AMI secret file " + file + ": permission denied",
          e);
    } catch (IOException e) {
      throw new AmiException(
          AmiException.Kind.SETTINGS,
          "cannot read AMI secret file " + file + ": " + (e instanceof java.nio.file.FileSystemException fs
              ? se.vaxel.output.IoProblems.whatIsWrong(fs) : se.vaxel.output.IoProblems.describe(e)),
          e);
    }
  }
}

package se.vaxel.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.ami.AmiSettings;
import se.vaxel.cli.CliContext;
import se.vaxel.cli.Main;

/**
 * The sandbox Asterisk as a test uses it: test phones that say when they ring, calls placed
 * over AMI, and vaxel run as a user runs it.
 *
 * <p>The test phones are a dialplan context: staff.yaml's {@code device} points there
 * ({@code Local/${EXTEN}@vaxel-test-phones}), and a phone that rings raises the UserEvent
 * {@code VaxelRang} naming its extension, the call it belongs to and what the caller heard
 * before it rang ({@code Announced}, the route's VAXEL_ANNOUNCED), then answers.
 */
public final class Pbx {
  public static final String PHONES = "vaxel-test-phones";
  public static final String DEVICE = "Local/${EXTEN}@" + PHONES;

  private final Sandbox sandbox;

  public Pbx(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  /** Installs the test phones (once per configuration) and reloads the dialplan. */
  public void installTestPhones() throws IOException {
    Files.writeString(sandbox.etc().resolve(PHONES + ".conf"), String.join("\n",
        "[" + PHONES + "]",
        "exten => _X.,1,UserEvent(VaxelRang,Rang: ${EXTEN},Call: ${VAXEL_CALL},Org: ${VAXEL_ORG},"
            + "Announced: ${VAXEL_ANNOUNCED})",
        " same => n,Answer()",
        " same => n,Wait(0.2)",
        " same => n,Hangup()",
        ""), StandardCharsets.UTF_8);
    Path ext = sandbox.etc().resolve("extensions.conf");
    String text = Files.readString(ext, StandardCharsets.UTF_8);
    String include = "#include \"" + PHONES + ".conf\"";
    if (!text.contains(include)) {
      Files.writeString(ext, text + "\n" + include + "\n", StandardCharsets.UTF_8);
    }
    sandbox.cli("dialplan reload");
  }

  public AmiSettings settings() {
    return AmiSettings.of(sandbox.host(), sandbox.port(), sandbox.user(), sandbox.secret());
  }

  public AmiClient connect() {
    return AmiConnector.connect(settings());
  }

  /**
   * Calls {@code extension} in {@code context} and returns the extension of the test phone that
   * rang for this call, or "none" when no phone rang within the time given.
   */
  public String call(String context, String extension, Duration within) {
    return ring(context, extension, within).map(e -> e.get("rang")).orElse("none");
  }

  /**
   * Calls {@code extension} in {@code context} and returns the UserEvent of the test phone that
   * rang for this call (headers lower-cased: {@code rang}, the phone's extension, and
   * {@code org}, the call's VAXEL_ORG, {@code announced}, what the caller heard), or empty when no phone rang within the time given.
   */
  public Optional<Map<String, String>> ring(String context, String extension, Duration within) {
    String id = UUID.randomUUID().toString();
    Map<String, String> rang = new ConcurrentHashMap<>();
    CountDownLatch latch = new CountDownLatch(1);
    try (AmiClient ami = AmiConnector.connect(settings().withEvents(true));
        AmiClient.Subscription sub = ami.onUserEvent("VaxelRang", e -> {
          if (id.equals(e.get("call")) && latch.getCount() > 0) {
            rang.putAll(e);
            latch.countDown();
          }
        })) {
      // "__" makes the variable follow the call into every channel it dials.
      ami.originate("Local/" + extension + "@" + context, "Wait", "3",
          Map.of("__VAXEL_CALL", id), Duration.ofSeconds(10));
      if (!latch.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
        return Optional.empty();
      }
      return Optional.of(Map.copyOf(rang));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while waiting for a phone to ring");
      return Optional.empty();
    }
  }

  /** The environment vaxel gets: the AMI of the sandbox, the secret in its file. */
  public Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("VAXEL_AMI", sandbox.host() + ":" + sandbox.port());
    env.put("VAXEL_AMI_USER", sandbox.user());
    env.put("VAXEL_AMI_SECRET_FILE", sandbox.secretFile().toString());
    return env;
  }

  /** The outcome of one vaxel command line. */
  public record Run(int code, String out, String err) {}

  public Run vaxel(String... args) {
    return vaxel(env(), args);
  }

  public static Run vaxel(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Main(new CliContext(new PrintWriter(out), new PrintWriter(err), env,
        Clock.systemUTC(), false, AmiConnector.live())).run(args);
    return new Run(code, out.toString(), err.toString());
  }
}

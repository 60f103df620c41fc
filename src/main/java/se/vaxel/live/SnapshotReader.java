package se.vaxel.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.Contact;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.ami.Endpoint;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.model.AsteriskSettings;
import se.vaxel.model.DialplanContexts;

/**
 * Takes a {@link Snapshot} of the live PBX in a fixed number of AMI round trips, however many
 * people it serves: list actions only, never one action per person, so a PBX 50 ms away with
 * 10,000 mailboxes is read in about as many round trips as one with three.
 *
 * <p>Round trips per {@link #read()}:
 *
 * <ul>
 *   <li>1 VoicemailUsersList: the mailboxes;
 *   <li>1 ShowDialPlan: the whole loaded dialplan, of which the contexts vaxel owns are kept
 *       (staff, route, absence, planned, probe and the parts of staff and planned);
 *   <li>1 DBGetTree: the live overrides;
 *   <li>the greeting probe ({@link GreetingProbe}): DBDelTree, Originate, one DBGet per poll
 *       (backing off to one a second: about ten for a probe of a few seconds), DBGetTree; none
 *       when the probe context is not among the contexts listed, and it stops at the first
 *       action Asterisk refuses;
 *   <li>2 for PJSIP devices only: PJSIPShowEndpoints and PJSIPShowContacts.
 * </ul>
 *
 * <p>So 6 plus the polls (8 with PJSIP devices). The mailboxes, the dialplan and the overrides
 * are required: any failure reading them is thrown. The greetings and the endpoints are
 * optional: an action Asterisk refuses (a least-privilege AMI user gets "Permission denied")
 * leaves them empty and says why in {@link Snapshot#incomplete()}. A PBX that stops answering
 * (UNREACHABLE, AUTH_FAILED, TIMEOUT) is always thrown.
 */
public final class SnapshotReader {

  /**
   * How long the greeting probe may go without progress, and how soon its progress is first
   * polled (the polls then back off, see {@link GreetingProbe}).
   *
   * @param stall give up when the probe's progress has not moved for this long
   * @param pollInterval the pause before the first DBGet of the probe's progress
   */
  public record ProbeTimeouts(Duration stall, Duration pollInterval) {
    public static final ProbeTimeouts DEFAULT =
        new ProbeTimeouts(Duration.ofSeconds(30), Duration.ofMillis(50));

    public ProbeTimeouts {
      Objects.requireNonNull(stall, "stall");
      Objects.requireNonNull(pollInterval, "pollInterval");
      if (stall.isNegative() || stall.isZero()) {
        throw new IllegalArgumentException("probe stall timeout must be positive: " + stall);
      }
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
      }
    }
  }

  static final String PJSIP = "PJSIP/";

  private final AmiClient ami;
  private final String pbx;
  private final AsteriskSettings settings;
  private final DialplanContexts contexts;
  private final Clock clock;
  private final ProbeTimeouts timeouts;
  private Duration probeTook = Duration.ZERO;

  /**
   * @param pbx the AMI address as reports show it, e.g. "pbx.example.org:5038"
   * @param settings staff.yaml's asterisk section: our contexts and the device pattern
   */
  public SnapshotReader(AmiClient ami, String pbx, AsteriskSettings settings, Clock clock,
      ProbeTimeouts timeouts) {
    this.ami = Objects.requireNonNull(ami, "ami");
    this.pbx = Objects.requireNonNull(pbx, "pbx");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.contexts = DialplanContexts.of(settings);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
  }

  /** @throws AmiException when the PBX cannot be read (see the class comment for what is) */
  public Snapshot read() {
    Instant takenAt = clock.instant();
    List<String> incomplete = new ArrayList<>();

    Map<String, VoicemailBox> mailboxes = mailboxes();
    Map<String, List<DialplanEntry>> dialplan = LoadedDialplan.read(ami, contexts);
    Set<String> extensions =
        LoadedDialplan.extensions(LoadedDialplan.reachable(dialplan, contexts.staff()));
    List<DialplanEntry> route = dialplan.get(contexts.route());
    List<DialplanEntry> absence = dialplan.get(contexts.absence());
    List<DialplanEntry> planned = LoadedDialplan.reachable(dialplan, contexts.planned());
    Map<String, LiveOverride> overrides = LiveOverride.readAll(ami, contexts.overrideFamily());

    GreetingProbe.Outcome probe =
        new GreetingProbe(ami, contexts, startsAtS1(dialplan.get(contexts.probe())),
            timeouts, mailboxes.size()).run();
    incomplete.addAll(probe.problems());
    probeTook = probe.took();

    Set<String> numbers = new TreeSet<>(mailboxes.keySet());
    numbers.addAll(extensions);
    Optional<Map<String, Boolean>> endpoints = endpoints(numbers, incomplete);

    return new Snapshot(takenAt, pbx, mailboxes, LoadedDialplan.fingerprint(route), dialplan,
        extensions,
        LoadedDialplan.routing(route, absence, planned, contexts.overrideFamily()), overrides, probe.greetings(),
        probe.announcements(), endpoints,
        incomplete);
  }

  /** Whether a loaded context has {@code s,1}, where the probe's Originate enters it. */
  private static boolean startsAtS1(List<DialplanEntry> context) {
    return context.stream().anyMatch(e -> e.priority() == 1 && e.extension().equals("s"));
  }

  /** AMI actions sent on this reader's connection so far, login included. */
  public long roundTrips() {
    return ami.roundTrips();
  }

  /** How long the greeting probe of the last {@link #read()} took, polls included. */
  public Duration probeTook() {
    return probeTook;
  }

  private Map<String, VoicemailBox> mailboxes() {
    Map<String, VoicemailBox> out = new TreeMap<>();
    for (VoicemailBox box : ami.voicemailUsers()) {
      if (box.context().equals(settings.voicemailContext())) {
        out.putIfAbsent(box.mailbox(), box);
      }
    }
    return out;
  }

  /**
   * Whether each extension's PJSIP endpoint (any of them, for "&amp;"-joined devices) has a
   * reachable contact. A registered contact belongs to an endpoint by name or through one of
   * the endpoint's AORs; a static one is judged by the endpoint's device state.
   */
  private Optional<Map<String, Boolean>> endpoints(Set<String> numbers, List<String> incomplete) {
    if (!settings.device().startsWith(PJSIP)) {
      return Optional.empty();
    }
    List<Endpoint> endpoints;
    List<Contact> contacts;
    try {
      endpoints = ami.pjsipEndpoints();
      contacts = ami.pjsipContacts();
    } catch (AmiException e) {
      if (e.kind() != AmiException.Kind.ACTION_FAILED) {
        throw e;
      }
      boolean denied = e.getMessage().contains("Permission denied");
      incomplete.add("endpoints: " + e.getMessage()
          + (denied ? " (listing PJSIP endpoints needs an AMI user with write=system)" : ""));
      return Optional.empty();
    }
    Set<String> reachableAors = new HashSet<>();
    Set<String> reachable = new HashSet<>();
    for (Contact c : contacts) {
      if (c.reachable()) {
        reachableAors.add(c.aor());
        reachable.add(c.endpoint());
      }
    }
    for (Endpoint e : endpoints) {
      // PJSIPShowContacts lists registered contacts only; a phone with a static contact=
      // in its AOR shows up just in the endpoint's own list, with the device state that
      // qualify keeps ("Unavailable" when it does not answer).
      boolean staticContactAnswers = !e.contacts().isEmpty()
          && !e.deviceState().equalsIgnoreCase("Unavailable");
      if (staticContactAnswers || e.aors().stream().anyMatch(reachableAors::contains)) {
        reachable.add(e.name());
      }
    }
    Map<String, Boolean> out = new TreeMap<>();
    for (String number : numbers) {
      out.put(number, endpointNames(settings.device(), number).stream()
          .anyMatch(reachable::contains));
    }
    return Optional.of(Map.copyOf(out));
  }

  /**
   * The PJSIP endpoints a dial string rings: "PJSIP/2101" is endpoint 2101, "PJSIP/2101@trunk"
   * dials 2101 through endpoint trunk, "PJSIP/2101&amp;PJSIP/2101-soft" rings two endpoints.
   */
  static List<String> endpointNames(String devicePattern, String extension) {
    List<String> names = new ArrayList<>();
    for (String device : devicePattern.replace(AsteriskSettings.EXTEN_PLACEHOLDER, extension)
        .split("&")) {
      if (device.startsWith(PJSIP)) {
        String dial = device.substring(PJSIP.length());
        int slash = dial.indexOf('/');
        dial = slash >= 0 ? dial.substring(0, slash) : dial;
        int at = dial.indexOf('@');
        names.add(at >= 0 ? dial.substring(at + 1) : dial);
      }
    }
    return names;
  }
}

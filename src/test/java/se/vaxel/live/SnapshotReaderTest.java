package se.vaxel.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.Contact;
import se.vaxel.ami.Endpoint;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.live.Snapshot.Greeting;
import se.vaxel.model.AsteriskSettings;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.DialplanContexts;
import se.vaxel.model.ProbeFormat;

/** The snapshot reader on a mocked AMI that answers as the real Asterisk did. */
class SnapshotReaderTest {
  private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
  private static final String PROBE = "vaxel-it-probe";
  private static final SnapshotReader.ProbeTimeouts FAST =
      new SnapshotReader.ProbeTimeouts(Duration.ofSeconds(5), Duration.ofMillis(1));

  private AmiClient ami = mock(AmiClient.class);

  /** What the PBX's one ShowDialPlan lists, by context; other contexts than ours included. */
  private final Map<String, List<DialplanEntry>> pbxDialplan = new LinkedHashMap<>();

  private List<DialplanEntry> wholeDialplan() {
    return pbxDialplan.values().stream().flatMap(List::stream).toList();
  }

  /** A PBX with our dialplan for {@code people} extensions from 2201 and a working probe. */
  private void pbxWith(int people, AsteriskSettings settings) {
    List<VoicemailBox> boxes = new ArrayList<>();
    Map<String, String> probe = new HashMap<>();
    for (int i = 0; i < people; i++) {
      String ext = Integer.toString(2201 + i);
      boxes.add(box(settings.voicemailContext(), ext, "Person " + i));
      probe.put(ext, "10|0");
    }
    boxes.add(box("default", "1234", "Someone else's"));
    when(ami.voicemailUsers()).thenReturn(boxes);
    pbxDialplan.clear();
    pbxDialplan.put("default", List.of(new DialplanEntry("default", "1234", 1, "", "Dial",
        "PJSIP/1234", "pbx_config")));
    pbxDialplan.putAll(CapturedDialplan.loaded(people));
    when(ami.showDialplan()).thenAnswer(call -> wholeDialplan());
    when(ami.dbGetTree("vaxel-it-absence")).thenReturn(Map.of());
    probeAnswers(probe);
  }

  /** The first step of the probe context, as ShowDialPlan lists it: the probe can run. */
  private static final List<DialplanEntry> PROBE_CONTEXT = List.of(new DialplanEntry(
      CapturedDialplan.PROBE, "s", 1, "", "Set", "d=${ASTSPOOLDIR}/voicemail/vaxel-it",
      "pbx_config"));

  /**
   * The probe context exists, and running it leaves {@code results} ("UT|M" by mailbox) in
   * batches of the run's token, as the generated dialplan does (see ProbeFormatTest).
   */
  private void probeAnswers(Map<String, String> results) {
    pbxDialplan.put(CapturedDialplan.PROBE, PROBE_CONTEXT);
    AtomicReference<String> token = new AtomicReference<>();
    doAnswer(call -> {
      Map<String, String> variables = call.getArgument(3);
      token.set(variables.get(ProbeFormat.TOKEN_VARIABLE));
      return null;
    }).when(ami).originate(anyString(), anyString(), anyString(), anyMap(), any());
    List<ProbeFormat.Batch> batches =
        ProbeFormat.batches(results.keySet().stream().sorted().toList());
    when(ami.dbGet(PROBE, ProbeFormat.PROGRESS_KEY)).thenAnswer(call ->
        Optional.ofNullable(token.get()).map(t -> t + " done " + batches.size()));
    when(ami.dbGetTree(PROBE)).thenAnswer(call -> {
      Map<String, String> tree = new HashMap<>();
      for (ProbeFormat.Batch b : batches) {
        StringBuilder value = new StringBuilder(token.get());
        b.mailboxes().forEach(m -> value.append(' ').append(m).append('=').append(results.get(m)));
        tree.put(b.key(), value.toString());
      }
      tree.put(ProbeFormat.PROGRESS_KEY, token.get() + " done " + batches.size());
      return tree;
    });
  }

  private Snapshot read() {
    return read(CapturedDialplan.SETTINGS, FAST);
  }

  private Snapshot read(AsteriskSettings settings, SnapshotReader.ProbeTimeouts timeouts) {
    return new SnapshotReader(ami, "pbx:5038", settings, Clock.fixed(NOW, ZoneOffset.UTC),
        timeouts).read();
  }

  @Test
  void readsOurMailboxesDialplanAndOverrides() {
    pbxWith(5, CapturedDialplan.SETTINGS);
    LiveOverride away = LiveOverride.away("2201", NOW.minusSeconds(60), NOW.plusSeconds(3600),
        "2205", null, "dan.tomorrow", "per.present");
    when(ami.dbGetTree("vaxel-it-absence")).thenReturn(Map.of("2201", away.encode(),
        "2299", "written by someone else"));

    Snapshot s = read();

    assertEquals(NOW, s.takenAt());
    assertEquals("pbx:5038", s.pbx());
    assertEquals(List.of("2201", "2202", "2203", "2204", "2205"),
        s.mailboxes().keySet().stream().sorted().toList(), "other contexts are left out");
    assertEquals(CapturedDialplan.FINGERPRINT, s.fingerprint());
    Map<String, List<DialplanEntry>> ours = new HashMap<>(CapturedDialplan.loaded(5));
    ours.put(CapturedDialplan.PROBE, PROBE_CONTEXT);
    // The feature codes' context was not in the captured PBX: ours, but nothing loaded.
    ours.put(DialplanContexts.of(CapturedDialplan.SETTINGS).codes(), List.of());
    assertEquals(ours, s.dialplan(), "every context of ours, as listed, and no other");
    assertEquals(s.mailboxes().keySet(), s.dialplanExtensions());
    assertTrue(s.routing().overridesHonoured());
    assertEquals(List.of(5, 5, 5), s.routing().ringTimeouts());
    assertEquals(Map.of("2201", away), s.overrides());
    assertEquals(Optional.empty(), s.endpoints(), "Local devices have no PJSIP contacts");
    assertEquals(List.of(), s.incomplete());
  }

  @Test
  void probeResultsBecomeGreetingsPerMailbox() {
    pbxWith(0, CapturedDialplan.SETTINGS);
    probeAnswers(Map.of("2201", "10|0", "2202", "01|0", "2203", "00|1795000000",
        "2204", "11|", "2205", "garbage"));

    Snapshot s = read();

    Map<String, Greeting> greetings = s.greetings().orElseThrow();
    assertEquals(new Greeting(true, false, Optional.empty()), greetings.get("2201"));
    assertEquals(new Greeting(false, true, Optional.empty()), greetings.get("2202"));
    assertEquals(new Greeting(false, false, Optional.of(Instant.ofEpochSecond(1795000000))),
        greetings.get("2203"));
    assertEquals(new Greeting(true, true, Optional.empty()), greetings.get("2204"));
    assertFalse(greetings.containsKey("2205"));
    assertEquals(List.of("greetings: the probe's results: batch 1: unreadable result "
        + "'2205=garbage'"), s.incomplete());
  }

  @Test
  void probeRunsInOurProbeContextWithAFreshToken() {
    pbxWith(2, CapturedDialplan.SETTINGS);
    read();
    verify(ami).dbDelTree(PROBE);
    verify(ami).originate(eq("Local/s@vaxel-it-staff-probe"), eq("Wait"), eq("1"),
        anyMap(), eq(FAST.stall().multipliedBy(3)));
  }

  @Test
  void probeThatNeverStartsLeavesGreetingsIncomplete() {
    pbxWith(3, CapturedDialplan.SETTINGS);
    // The progress key holds an earlier run's "done", never ours.
    when(ami.dbGet(PROBE, ProbeFormat.PROGRESS_KEY))
        .thenReturn(Optional.of("an-earlier-run done 1"));
    SnapshotReader.ProbeTimeouts short_ =
        new SnapshotReader.ProbeTimeouts(Duration.ofMillis(200), Duration.ofMillis(20));

    Snapshot s = read(CapturedDialplan.SETTINGS, short_);

    assertEquals(Optional.empty(), s.greetings());
    assertEquals(List.of("greetings: the probe in vaxel-it-staff-probe did not start: no "
        + "progress for 0.2 s"), s.incomplete());
    verify(ami, atMost(6)).dbGet(PROBE, ProbeFormat.PROGRESS_KEY);
    verify(ami, never()).dbGetTree(PROBE);
  }

  @Test
  void probeThatAdvancesIsWaitedForLongerThanTheStallTime() {
    pbxWith(250, CapturedDialplan.SETTINGS);
    // Three batches, each taking longer than the stall time allows for the whole probe.
    AtomicReference<String> token = new AtomicReference<>();
    doAnswer(call -> {
      token.set(call.<Map<String, String>>getArgument(3).get(ProbeFormat.TOKEN_VARIABLE));
      return null;
    }).when(ami).originate(anyString(), anyString(), anyString(), anyMap(), any());
    long start = System.nanoTime();
    when(ami.dbGet(PROBE, ProbeFormat.PROGRESS_KEY)).thenAnswer(call -> {
      long batch = (System.nanoTime() - start) / Duration.ofMillis(150).toNanos();
      return Optional.of(token.get() + (batch >= 3 ? " done 3" : " " + batch));
    });
    doAnswer(call -> Map.of(
        "b00001", token.get() + " 2201=10|0", "b00002", token.get() + " 2301=11|0",
        "b00003", token.get() + " 2401=10|0")).when(ami).dbGetTree(PROBE);
    SnapshotReader.ProbeTimeouts stall =
        new SnapshotReader.ProbeTimeouts(Duration.ofMillis(300), Duration.ofMillis(10));

    Snapshot s = read(CapturedDialplan.SETTINGS, stall);

    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 450);
    assertEquals(new Greeting(true, true, Optional.empty()),
        s.greetings().orElseThrow().get("2301"), s.incomplete().toString());
  }

  /**
   * Many windows' files: the mailboxes are done at once, then four sound batches take 150 ms
   * each, longer together than the stall time. Each "TOKEN N S" is progress, so the probe is
   * waited for; read as no progress, the wait gave up after the second.
   */
  @Test
  void probeThatAdvancesThroughItsSoundBatchesIsWaitedFor() {
    pbxWith(250, CapturedDialplan.SETTINGS);
    AtomicReference<String> token = new AtomicReference<>();
    doAnswer(call -> {
      token.set(call.<Map<String, String>>getArgument(3).get(ProbeFormat.TOKEN_VARIABLE));
      return null;
    }).when(ami).originate(anyString(), anyString(), anyString(), anyMap(), any());
    long start = System.nanoTime();
    when(ami.dbGet(PROBE, ProbeFormat.PROGRESS_KEY)).thenAnswer(call -> {
      long sounds = (System.nanoTime() - start) / Duration.ofMillis(150).toNanos();
      return Optional.of(token.get() + (sounds >= 4 ? " done 3 4" : " 3 " + sounds));
    });
    doAnswer(call -> Map.of(
        "b00001", token.get() + " 2201=10|0", "b00002", token.get() + " 2301=11|0",
        "b00003", token.get() + " 2401=10|0",
        "a00001", token.get() + " announce-a=1", "a00002", token.get() + " announce-b=0",
        "a00003", token.get() + " announce-c=1", "a00004", token.get() + " announce-d=1"))
        .when(ami).dbGetTree(PROBE);

    Snapshot s = read(CapturedDialplan.SETTINGS,
        new SnapshotReader.ProbeTimeouts(Duration.ofMillis(300), Duration.ofMillis(10)));

    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 600);
    assertEquals(List.of(), s.incomplete());
    assertEquals(Map.of("announce-a", true, "announce-b", false, "announce-c", true,
        "announce-d", true), s.announcements().orElseThrow().files());
    assertEquals(new Greeting(true, true, Optional.empty()),
        s.greetings().orElseThrow().get("2301"));
  }

  @Test
  void probeStuckInItsSoundBatchesSaysWhere() {
    pbxWith(250, CapturedDialplan.SETTINGS);
    AtomicReference<String> token = new AtomicReference<>();
    doAnswer(call -> {
      token.set(call.<Map<String, String>>getArgument(3).get(ProbeFormat.TOKEN_VARIABLE));
      return null;
    }).when(ami).originate(anyString(), anyString(), anyString(), anyMap(), any());
    when(ami.dbGet(PROBE, ProbeFormat.PROGRESS_KEY))
        .thenAnswer(call -> Optional.of(token.get() + " 3 2"));

    Snapshot s = read(CapturedDialplan.SETTINGS,
        new SnapshotReader.ProbeTimeouts(Duration.ofMillis(200), Duration.ofMillis(10)));

    assertEquals(Optional.empty(), s.greetings());
    assertEquals(List.of("greetings: the probe in vaxel-it-staff-probe stopped after sound "
        + "batch 2, its 3 mailbox batches done: no progress for 0.2 s"), s.incomplete());
    verify(ami, never()).dbGetTree(PROBE);
  }

  @Test
  void probeThatStopsAdvancingIsGivenUpOnAndSaysWhere() {
    pbxWith(250, CapturedDialplan.SETTINGS);
    AtomicReference<String> token = new AtomicReference<>();
    doAnswer(call -> {
      token.set(call.<Map<String, String>>getArgument(3).get(ProbeFormat.TOKEN_VARIABLE));
      return null;
    }).when(ami).originate(anyString(), anyString(), anyString(), anyMap(), any());
    when(ami.dbGet(PROBE, ProbeFormat.PROGRESS_KEY))
        .thenAnswer(call -> Optional.of(token.get() + " 2"));

    Snapshot s = read(CapturedDialplan.SETTINGS,
        new SnapshotReader.ProbeTimeouts(Duration.ofMillis(200), Duration.ofMillis(10)));

    assertEquals(Optional.empty(), s.greetings());
    assertEquals(List.of("greetings: the probe in vaxel-it-staff-probe stopped after batch 2 "
        + "of about 3: no progress for 0.2 s"), s.incomplete());
  }

  @Test
  void userWithoutOriginateRightsLeavesGreetingsIncomplete() {
    pbxWith(3, CapturedDialplan.SETTINGS);
    // What Asterisk 22 answered the sandbox's read-only user vaxel-check.
    doThrow(new AmiException(AmiException.Kind.ACTION_FAILED,
        "AMI action DBDelTree failed: Permission denied")).when(ami).dbDelTree(PROBE);

    Snapshot s = read();

    assertEquals(Optional.empty(), s.greetings());
    assertEquals(1, s.incomplete().size());
    assertTrue(s.incomplete().get(0).startsWith(
        "greetings: AMI action DBDelTree failed: Permission denied"), s.incomplete().toString());
    assertTrue(s.incomplete().get(0).contains("write=system,originate"));
    verify(ami, never()).originate(anyString(), anyString(), anyString(), anyMap(), any());
    assertEquals(CapturedDialplan.FINGERPRINT, s.fingerprint(), "the rest is still read");
  }

  @Test
  void refusedOriginateLeavesGreetingsIncomplete() {
    pbxWith(3, CapturedDialplan.SETTINGS);
    doThrow(new AmiException(AmiException.Kind.ACTION_FAILED,
        "AMI action Originate failed: Permission denied"))
        .when(ami).originate(anyString(), anyString(), anyString(), anyMap(), any());

    Snapshot s = read();

    assertEquals(Optional.empty(), s.greetings());
    assertTrue(s.incomplete().get(0).startsWith(
        "greetings: AMI action Originate failed: Permission denied"), s.incomplete().toString());
  }

  @Test
  void missingProbeContextIsNotWaitedFor() {
    pbxWith(3, CapturedDialplan.SETTINGS);
    pbxDialplan.remove(CapturedDialplan.PROBE);

    Snapshot s = read(CapturedDialplan.SETTINGS, SnapshotReader.ProbeTimeouts.DEFAULT);

    assertEquals(Optional.empty(), s.greetings());
    assertTrue(s.incomplete().get(0).startsWith(
        "greetings: the probe context vaxel-it-staff-probe is not loaded"), s.incomplete().get(0));
    verify(ami, never()).originate(anyString(), anyString(), anyString(), anyMap(), any());
  }

  @Test
  void dialplanThatIsNotLoadedGivesNoFingerprintNoRoutingNoExtensions() {
    pbxWith(3, CapturedDialplan.SETTINGS);
    pbxDialplan.keySet().retainAll(Set.of("default"));
    when(ami.getvar(anyString())).thenReturn(Optional.of("0"));

    Snapshot s = read();

    assertEquals("", s.fingerprint());
    assertSame(LoadedRouting.NONE, s.routing());
    assertTrue(s.dialplanExtensions().isEmpty());
    assertEquals(3, s.mailboxes().size());
  }

  @Test
  void dialplanThatCannotBeReadIsThrownNeverADifference() {
    pbxWith(3, CapturedDialplan.SETTINGS);
    when(ami.showDialplan()).thenThrow(
        new AmiException(AmiException.Kind.TIMEOUT, "ShowDialPlan did not complete"));

    assertEquals(AmiException.Kind.TIMEOUT,
        assertThrows(AmiException.class, this::read).kind());
  }

  @Test
  void pbxThatStopsAnsweringIsThrown() {
    pbxWith(3, CapturedDialplan.SETTINGS);
    doThrow(new AmiException(AmiException.Kind.TIMEOUT, "no answer"))
        .when(ami).originate(anyString(), anyString(), anyString(), anyMap(), any());
    assertEquals(AmiException.Kind.TIMEOUT,
        assertThrows(AmiException.class, this::read).kind());

    when(ami.voicemailUsers()).thenThrow(
        new AmiException(AmiException.Kind.UNREACHABLE, "lost the AMI connection"));
    assertEquals(AmiException.Kind.UNREACHABLE,
        assertThrows(AmiException.class, this::read).kind());
  }

  @Test
  void phoneWithAStaticContactCountsByItsEndpointsDeviceState() {
    AsteriskSettings pjsip = new AsteriskSettings("vaxel-it", "vaxel-it-staff",
        "PJSIP/${EXTEN}", 5);
    pbxWith(3, pjsip);
    // As Asterisk 22 answers for AORs with contact= lines: no registered contacts at all.
    when(ami.pjsipEndpoints()).thenReturn(List.of(
        new Endpoint("2201", List.of("2201"), "Not in use", List.of("2201/sip:2201@10.0.0.1")),
        new Endpoint("2202", List.of("2202"), "Unavailable", List.of("2202/sip:2202@10.0.0.2")),
        new Endpoint("2203", List.of("2203"), "Not in use", List.of())));
    when(ami.pjsipContacts()).thenReturn(List.of());

    Snapshot s = read(pjsip, FAST);

    assertEquals(Optional.of(Map.of("2201", true, "2202", false, "2203", false)), s.endpoints());
  }

  @Test
  void reachabilityOfPjsipDevicesIsReadFromContacts() {
    AsteriskSettings pjsip = new AsteriskSettings("vaxel-it", "vaxel-it-staff",
        "PJSIP/${EXTEN}", 5);
    pbxWith(3, pjsip);
    when(ami.pjsipEndpoints()).thenReturn(List.of(
        new Endpoint("2201", List.of("2201"), "Not in use", List.of()),
        new Endpoint("2202", List.of("2202"), "Unavailable", List.of()),
        new Endpoint("2203", List.of("desk-2203"), "Not in use", List.of())));
    when(ami.pjsipContacts()).thenReturn(List.of(
        new Contact("2201;@a1", "2201", "2201", "sip:2201@10.0.0.1", "Reachable"),
        new Contact("2202;@b2", "2202", "2202", "sip:2202@10.0.0.2", "Unreachable"),
        new Contact("desk-2203;@c3", "desk-2203", "", "sip:2203@10.0.0.3", "Reachable")));

    Snapshot s = read(pjsip, FAST);

    assertEquals(Optional.of(Map.of("2201", true, "2202", false, "2203", true)), s.endpoints());
    assertEquals(List.of(), s.incomplete());
  }

  @Test
  void userWhoMayNotListEndpointsLeavesEndpointsIncomplete() {
    AsteriskSettings pjsip = new AsteriskSettings("vaxel-it", "vaxel-it-staff",
        "PJSIP/${EXTEN}", 5);
    pbxWith(3, pjsip);
    when(ami.pjsipEndpoints()).thenThrow(new AmiException(AmiException.Kind.ACTION_FAILED,
        "AMI action PJSIPShowEndpoints failed: Permission denied"));

    Snapshot s = read(pjsip, FAST);

    assertEquals(Optional.empty(), s.endpoints());
    assertEquals(1, s.incomplete().size());
    assertTrue(s.incomplete().get(0).startsWith(
        "endpoints: AMI action PJSIPShowEndpoints failed: Permission denied"));
  }

  @Test
  void endpointNamesFollowTheDialString() {
    assertEquals(List.of("2201"), SnapshotReader.endpointNames("PJSIP/${EXTEN}", "2201"));
    assertEquals(List.of("trunk"), SnapshotReader.endpointNames("PJSIP/${EXTEN}@trunk", "2201"));
    assertEquals(List.of("2201", "soft-2201"),
        SnapshotReader.endpointNames("PJSIP/${EXTEN}&PJSIP/soft-${EXTEN}/sip:x@y", "2201"));
  }

  @Test
  void roundTripsDoNotGrowWithThePeople() {
    AsteriskSettings pjsip = new AsteriskSettings("vaxel-it", "vaxel-it-staff",
        "PJSIP/${EXTEN}", 5);
    // 3,000 people: three parts of the staff and of the planned context, still one read.
    assertEquals(callsToRead(3, pjsip), callsToRead(3000, pjsip));
    // 1 mailbox list, 1 ShowDialPlan for every context, 1 override tree, probe 3 + 1 poll,
    // 2 PJSIP lists.
    assertEquals(9, callsToRead(3000, pjsip));
    assertEquals(7, callsToRead(3000, CapturedDialplan.SETTINGS));
  }

  private int callsToRead(int people, AsteriskSettings settings) {
    ami = mock(AmiClient.class);
    pbxWith(people, settings);
    when(ami.pjsipEndpoints()).thenReturn(List.of());
    when(ami.pjsipContacts()).thenReturn(List.of());
    Snapshot s = read(settings, FAST);
    assertEquals(people, s.greetings().orElseThrow().size());
    assertEquals(people, s.mailboxes().size());
    return mockingDetails(ami).getInvocations().size();
  }

  private static VoicemailBox box(String context, String mailbox, String name) {
    return new VoicemailBox(context, mailbox, name, "", "", "", "", false, 0, 0, 100, 0);
  }
}

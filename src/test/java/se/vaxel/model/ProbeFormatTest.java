package se.vaxel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.render.Templates;
import se.vaxel.staff.StaffLoader;

/**
 * The probe's contract from both ends: what the generated dialplan writes (rendered from the
 * shipped template) is what the decoder reads. That the dialplan really writes it is proven on
 * the real Asterisk by CheckIT.
 */
class ProbeFormatTest {
  private static final String TOKEN = "c17099ec-9b7c-47a2-9781-f7300427cb35";

  @Test
  void batchesOfAHundredInOrderEachWithItsOwnKey() {
    List<String> mailboxes = IntStream.range(0, 250).mapToObj(i -> "" + (10000 + i)).toList();

    List<ProbeFormat.Batch> batches = ProbeFormat.batches(mailboxes);

    assertEquals(List.of("b00001", "b00002", "b00003"),
        batches.stream().map(ProbeFormat.Batch::key).toList());
    assertEquals(List.of(100, 100, 50), batches.stream().map(b -> b.mailboxes().size()).toList());
    assertEquals(mailboxes, batches.stream().flatMap(b -> b.mailboxes().stream()).toList());
  }

  /**
   * What Asterisk 22 wrote into AstDB (the sandbox after CheckIT, `database show vaxel-probe`,
   * copied verbatim), and a second batch as it wrote a mailbox with only a temporary greeting
   * and an unheard message, and one with nothing.
   */
  @Test
  void decodesWhatAsteriskWrote() {
    Map<String, String> tree = Map.of(
        "b00001", TOKEN + " 2201=10|0 2202=11|0 2203=10|0 2204=10|0",
        "b00002", TOKEN + " 2102=01|1796042945 2103=00|0",
        "progress", TOKEN + " done 2");

    ProbeFormat.Decoded d = ProbeFormat.decode(tree, TOKEN, 2);

    assertEquals(List.of(), d.problems());
    assertEquals(Map.of(
        "2201", new ProbeFormat.Result(true, false, 0),
        "2202", new ProbeFormat.Result(true, true, 0),
        "2203", new ProbeFormat.Result(true, false, 0),
        "2204", new ProbeFormat.Result(true, false, 0),
        "2102", new ProbeFormat.Result(false, true, 1796042945L),
        "2103", new ProbeFormat.Result(false, false, 0)), d.results());
  }

  @Test
  void aMissingBatchAnotherRunsBatchAndAnUnreadableEntryAreProblems() {
    Map<String, String> tree = Map.of(
        "b00001", "another-run 2101=10|0",
        "b00003", TOKEN + " 2301=11|0 2302=x");

    ProbeFormat.Decoded d = ProbeFormat.decode(tree, TOKEN, 3);

    assertEquals(List.of("batch 1 of 3 is from another run", "batch 2 of 3 is missing",
        "batch 3: unreadable result '2302=x'"), d.problems());
    assertEquals(Map.of("2301", new ProbeFormat.Result(true, true, 0)), d.results());
  }

  @Test
  void progressIsOnlyThisRuns() {
    assertEquals(Optional.of(new ProbeFormat.Progress(7, false)),
        ProbeFormat.progress(Optional.of(TOKEN + " 7"), TOKEN));
    assertEquals(Optional.of(new ProbeFormat.Progress(500, true)),
        ProbeFormat.progress(Optional.of(TOKEN + " done 500"), TOKEN));
    assertEquals(Optional.empty(), ProbeFormat.progress(Optional.of("other 7"), TOKEN));
    assertEquals(Optional.empty(), ProbeFormat.progress(Optional.of(TOKEN + " x"), TOKEN));
    // After the mailboxes, the sound batches: "N S" is progress, not done.
    assertEquals(Optional.of(new ProbeFormat.Progress(3, false, Optional.of(2))),
        ProbeFormat.progress(Optional.of(TOKEN + " 3 2"), TOKEN));
    assertEquals(Optional.of(new ProbeFormat.Progress(3, true, Optional.of(2))),
        ProbeFormat.progress(Optional.of(TOKEN + " done 3 2"), TOKEN));
    assertFalse(ProbeFormat.progress(Optional.of(TOKEN + " 3 1"), TOKEN)
        .equals(ProbeFormat.progress(Optional.of(TOKEN + " 3 2"), TOKEN)),
        "each sound batch is a move the wait sees");
    assertEquals(Optional.empty(), ProbeFormat.progress(Optional.of(TOKEN + " 3 x"), TOKEN));
    assertEquals(Optional.empty(), ProbeFormat.progress(Optional.of(TOKEN + " 3 2 1"), TOKEN));
    assertEquals(Optional.empty(), ProbeFormat.progress(Optional.empty(), TOKEN));
  }

  @Test
  void theExpressionLooksForEveryFormatOfBothGreetingsWithoutALiteralDollar() {
    String e = ProbeFormat.mailboxExpression();

    assertFalse(e.contains("$"), "the dialplan REPLACEs '@' by '$'; a '$' would be expanded "
        + "when the variable is set, not per mailbox");
    for (String f : ProbeFormat.GREETING_FORMATS) {
      assertTrue(e.contains("@{STAT(e,@{d}/@{m}/unavail." + f + ")}"), f);
      assertTrue(e.contains("@{STAT(e,@{d}/@{m}/temp." + f + ")}"), f);
    }
    assertTrue(e.endsWith("|@{STAT(M,@{d}/@{m}/INBOX/msg0000.txt)}"), e);
    assertEquals(e.chars().filter(c -> c == '{').count(), e.chars().filter(c -> c == '}').count());
  }

  /**
   * The rendered probe context (the encoder) names every mailbox once, in the batch its key
   * says, reports progress after each batch and "done" with the number of batches the decoder
   * then reads; and no line comes near Asterisk's 8 KiB limit for a config line.
   */
  @Test
  void theRenderedProbeWritesTheBatchesTheDecoderReads() throws Exception {
    StringBuilder yaml = new StringBuilder("""
        organisation:
          name: Bjurholms kommun
          place: Bjurholm
          switchboard: "100"
          phone: "0934-140 00"
          functional-mailbox: kommunen@bjurholm.se
          language: sv
          timezone: Europe/Stockholm
        staff:
        """);
    for (int i = 0; i < 205; i++) {
      yaml.append("""
            - id: p%d
              first-name: P
              last-name: N%d
              extension: "%d"
              email: p%d@bjurholm.se
          """.formatted(i, i, 10000000 + i, i));
    }
    String conf = new AsteriskConfig(new Templates(Optional.empty()), "test")
        .render(new StaffLoader().parse("t.yaml", yaml.toString())).extensionsConf();
    List<String> probe = conf.substring(conf.indexOf("[vaxel-staff-probe]")).lines()
        .filter(l -> !l.startsWith(";")).toList();

    Pattern batch = Pattern.compile(
        " same => n,Set\\(DB\\(vaxel-probe/(b\\d{5})\\)=\\$\\{VAXEL_PROBE\\}(.*)\\)");
    Pattern mailbox = Pattern.compile(" \\$\\{SET\\(m=(\\d+)\\)\\}\\$\\{EVAL\\(\\$\\{g\\}\\)\\}");
    List<String> keys = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    List<String> progress = new ArrayList<>();
    for (String line : probe) {
      assertTrue(line.length() < 4096, "line of " + line.length() + " characters");
      Matcher b = batch.matcher(line);
      if (b.matches()) {
        keys.add(b.group(1));
        String rest = mailbox.matcher(b.group(2)).replaceAll(m -> {
          seen.add(m.group(1));
          return "";
        });
        assertEquals("", rest, "nothing but mailboxes in " + b.group(1));
      } else if (line.contains("vaxel-probe/progress")) {
        progress.add(line.substring(line.indexOf(")=") + 2, line.length() - 1));
      }
    }
    assertEquals(List.of("b00001", "b00002", "b00003"), keys);
    assertEquals(IntStream.range(0, 205).mapToObj(i -> "" + (10000000 + i)).toList(), seen);
    assertEquals(List.of("${VAXEL_PROBE} 1", "${VAXEL_PROBE} 2", "${VAXEL_PROBE} 3",
        "${VAXEL_PROBE} done 3"), progress);
    assertTrue(probe.contains(" same => n,Set(g=" + ProbeFormat.mailboxExpression() + ")"),
        "the expression is the encoder's");
  }

  private static final String SOUND_A = "announce-0123456789abcdef0123456789abcdef";
  private static final String SOUND_B = "announce-fedcba9876543210fedcba9876543210";

  /** An announcing probe: each mailbox's "|A", then the sound batches, "done N S". */
  @Test
  void decodesAnnouncementFilesOfOverridesAndWindows() {
    Map<String, String> tree = Map.of(
        "b00001", TOKEN + " 2101=11|0| 2102=10|0|1 2103=10|0|0",
        "a00001", TOKEN + " " + SOUND_A + "=1 " + SOUND_B + "=0",
        "progress", TOKEN + " done 1 1");

    Optional<ProbeFormat.Progress> progress =
        ProbeFormat.progress(Optional.of(tree.get("progress")), TOKEN);
    assertEquals(Optional.of(new ProbeFormat.Progress(1, true, Optional.of(1))), progress);
    ProbeFormat.Decoded d = ProbeFormat.decode(tree, TOKEN, 1, 1);

    assertEquals(List.of(), d.problems());
    assertEquals(new ProbeFormat.Result(true, true, 0, Optional.empty()), d.results().get("2101"));
    assertEquals(Optional.of(true), d.results().get("2102").announcement());
    assertEquals(Optional.of(false), d.results().get("2103").announcement());
    assertEquals(Optional.of(Map.of(SOUND_A, true, SOUND_B, false)), d.sounds());
  }

  /** The fourth field, the override's switchboard variant; an older probe writes three. */
  @Test
  void decodesTheSwitchboardVariantOfAnOverride() {
    Map<String, String> tree = Map.of(
        "b00001", TOKEN + " 2101=11|0|| 2102=10|0|1|0 2103=10|0|1|1 2104=10|0|1",
        "progress", TOKEN + " done 1 0");
    ProbeFormat.Decoded d = ProbeFormat.decode(tree, TOKEN, 1, 0);

    assertEquals(List.of(), d.problems());
    assertEquals(Optional.empty(), d.results().get("2101").switchboardAnnouncement());
    assertEquals(Optional.of(true), d.results().get("2102").announcement());
    assertEquals(Optional.of(false), d.results().get("2102").switchboardAnnouncement());
    assertEquals(Optional.of(true), d.results().get("2103").switchboardAnnouncement());
    assertEquals(Optional.empty(), d.results().get("2104").switchboardAnnouncement());
  }

  @Test
  void theMailboxExpressionLooksForBothFilesOfTheOverride() {
    String e = ProbeFormat.mailboxExpression("vaxel-absence");
    assertTrue(e.endsWith("@{IF(@[\"@{CUT(o,|,10)}\" != \"\"]?@{STAT(e,@{a}@{CUT(o,|,10)}.wav)})}"
        + "|@{IF(@[\"@{CUT(o,|,11)}\" != \"\"]?@{STAT(e,@{a}@{CUT(o,|,11)}.wav)})}"), e);
  }

  @Test
  void aMissingOrForeignSoundBatchIsAProblemAndItsFilesAreNotReported() {
    Map<String, String> tree = Map.of(
        "b00001", TOKEN + " 2101=11|0|",
        "a00002", "another-run " + SOUND_A + "=0");

    ProbeFormat.Decoded d = ProbeFormat.decode(tree, TOKEN, 1, 2);

    assertEquals(List.of("sound batch 1 of 2 is missing", "sound batch 2 of 2 is from another run"),
        d.problems());
    assertEquals(Optional.of(Map.of()), d.sounds());
  }

  @Test
  void theAnnouncingExpressionReadsTheOverridesTenthFieldWithoutALiteralDollar() {
    String e = ProbeFormat.mailboxExpression("vaxel-absence");

    assertFalse(e.contains("$"), e);
    assertTrue(e.startsWith(ProbeFormat.mailboxExpression() + "|"), e);
    assertTrue(e.contains("@{SET(o=@{DB(vaxel-absence/@{m})})}"), e);
    assertTrue(e.contains("@{STAT(e,@{a}@{CUT(o,|,10)}.wav)}"), e);
    assertEquals(e.chars().filter(c -> c == '{').count(), e.chars().filter(c -> c == '}').count());
  }

  /**
   * With speech on, the rendered probe looks for exactly the files the planned context plays
   * (every VAXEL_ANNOUNCE it sets), each once, in batches under the line limit, and says how
   * many batches in its "done".
   */
  @Test
  void theRenderedProbeLooksForEveryFileThePlannedContextPlays() throws Exception {
    StringBuilder yaml = new StringBuilder("""
        organisation:
          name: Bjurholms kommun
          place: Bjurholm
          switchboard: "100"
          phone: "0934-140 00"
          functional-mailbox: kommunen@bjurholm.se
          language: sv
          timezone: Europe/Stockholm
        speech:
          playback-dir: /var/lib/asterisk/sounds/vaxel
        staff:
        """);
    for (int i = 0; i < 60; i++) {
      yaml.append("""
            - id: p%d
              first-name: P
              last-name: N%d
              extension: "%d"
              email: p%d@bjurholm.se
              absences:
                - from: 2026-07-%02d
                  until: 2026-08-09
                  reason: semester
          """.formatted(i, i, 2000 + i, i, 1 + i % 28));
    }
    String conf = new AsteriskConfig(new Templates(Optional.empty()), "test")
        .render(new StaffLoader().parse("t.yaml", yaml.toString())).extensionsConf();
    java.util.Set<String> played = new java.util.TreeSet<>();
    Matcher announce = Pattern.compile("MSet\\(VAXEL_ANNOUNCE=/var/lib/asterisk/sounds/vaxel/"
        + "bjurholm[^/]*/(announce-[0-9a-f]{32})[,)]").matcher(conf);
    while (announce.find()) {
      played.add(announce.group(1));
    }
    List<String> probe = conf.substring(conf.indexOf("[vaxel-staff-probe]")).lines()
        .filter(l -> !l.startsWith(";")).toList();
    Pattern batch = Pattern.compile(
        " same => n,Set\\(DB\\(vaxel-probe/(a\\d{5})\\)=\\$\\{VAXEL_PROBE\\}(.*)\\)");
    Pattern sound = Pattern.compile(
        " \\$\\{SET\\(n=(announce-[0-9a-f]{32})\\)\\}\\$\\{EVAL\\(\\$\\{s\\}\\)\\}");
    List<String> keys = new ArrayList<>();
    List<String> looked = new ArrayList<>();
    List<String> progress = new ArrayList<>();
    for (String line : probe) {
      assertTrue(line.length() < 4096, "line of " + line.length() + " characters");
      Matcher b = batch.matcher(line);
      if (b.matches()) {
        keys.add(b.group(1));
        assertEquals("", sound.matcher(b.group(2)).replaceAll(m -> {
          looked.add(m.group(1));
          return "";
        }), "nothing but sounds in " + b.group(1));
      } else if (line.contains("vaxel-probe/progress")) {
        progress.add(line.substring(line.indexOf(")=") + 2, line.length() - 1));
      }
    }
    assertEquals(List.of("${VAXEL_PROBE} 1", "${VAXEL_PROBE} 1 1", "${VAXEL_PROBE} 1 2",
        "${VAXEL_PROBE} done 1 2"), progress, "every sound batch advances the progress");
    assertEquals(60, played.size(), "a sentence per person: each names its own start day");
    assertEquals(List.copyOf(played), looked.stream().sorted().toList());
    assertEquals(List.of("a00001", "a00002"), keys);
    assertTrue(probe.contains(" same => n,Set(DB(vaxel-probe/progress)=${VAXEL_PROBE} done 1 2)"),
        "done says 1 mailbox batch and 2 sound batches");
    assertTrue(probe.contains(" same => n,Set(g="
        + ProbeFormat.mailboxExpression("vaxel-absence") + ")"), "the encoder's expression");
  }

  /**
   * What Asterisk 22 wrote with announcements on (the sandbox after AnnouncementCheckIT deleted
   * Anna's window file, `database show vaxel-it-probe`, verbatim): no live override, so every
   * mailbox's A is empty.
   */
  @Test
  void decodesWhatAnAnnouncingProbeWroteOnAsterisk() {
    String token = "bb405305-f3ea-4066-9667-55615ec3be41";
    Map<String, String> tree = Map.of(
        "a00001", token + " announce-92e0f15fc2af2aed0501c8b593c92b9e=0 "
            + "announce-aad9c4e7c1b1f5e3850289ebea2af23e=1 "
            + "announce-1fba6ac09af808ae2d66ba664d340032=1 "
            + "announce-e8319586bf855c236da9fd98105e2b12=1",
        "b00001", token + " 2201=00|0| 2202=00|0| 2203=00|0| 2204=00|0| 2205=00|0|",
        "progress", token + " done 1 1");

    ProbeFormat.Progress p = ProbeFormat.progress(Optional.of(tree.get("progress")), token)
        .orElseThrow();
    ProbeFormat.Decoded d = ProbeFormat.decode(tree, token, p.batches(), p.sounds().orElseThrow());

    assertEquals(List.of(), d.problems());
    assertEquals(5, d.results().size());
    assertTrue(d.results().values().stream().allMatch(r -> r.announcement().isEmpty()));
    assertEquals(Optional.of(false),
        d.sounds().map(f -> f.get("announce-92e0f15fc2af2aed0501c8b593c92b9e")));
    assertEquals(3, d.sounds().orElseThrow().values().stream().filter(b -> b).count());
  }
}

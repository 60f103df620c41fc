package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * The spoken temporary greeting on the sandbox's Asterisk 22 with espeak-ng: apply places it in
 * the chrooted voicemail spool, a call that reaches VoiceMail() hears it, a greeting of the
 * person's is never touched, check counts it, and the next apply after the absence removes
 * vaxel's file but keeps one recorded over it.
 */
class TemporaryGreetingIT {
  private static final String RECORDER = "vaxel-test-vm-recorder";
  /**
   * Asterisk's own "the person at extension 2201 is unavailable" and its instructions take
   * about 13 s; the spoken absence greeting alone is over 20 s.
   */
  private static final double SPOKEN_SECONDS = 12;

  @TempDir Path dir;

  @Test
  void placedHeardCountedThenRemovedButNeverThePersons() throws Exception {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    Pbx pbx = new Pbx(sandbox);
    // VoiceMail() of a mailbox, the caller's side recorded; TIMEOUT ends the silent message.
    Files.writeString(sandbox.etc().resolve(RECORDER + ".conf"), String.join("\n",
        "[" + RECORDER + "]",
        "exten => s,1,Answer()",
        " same => n,MixMonitor(${REC})",
        " same => n,Set(TIMEOUT(absolute)=40)",
        " same => n,VoiceMail(${BOX}@" + ItStaff.VOICEMAIL_CONTEXT + ",u)",
        " same => n,Hangup()",
        "exten => h,1,UserEvent(VaxelVmDone,call: ${CALL})",
        ""), StandardCharsets.UTF_8);
    Path ext = sandbox.etc().resolve("extensions.conf");
    String text = Files.readString(ext);
    if (!text.contains(RECORDER)) {
      Files.writeString(ext, text + "\n#include \"" + RECORDER + ".conf\"\n");
    }
    pbx.installTestPhones();
    Path spool = sandbox.root().resolve("var/spool/asterisk/voicemail");
    Path context = spool.resolve(ItStaff.VOICEMAIL_CONTEXT);
    Path sounds = sandbox.root().resolve("tmp/vaxel-tg-it");
    String speech = "speech:\n  sounds-dir: " + sounds + "\n  playback-dir: /tmp/vaxel-tg-it\n"
        + "  temporary-greeting: true\n  voicemail-spool: " + spool + "\n";
    Path staff = ItStaff.write(dir, speech + ItStaff.yaml());
    String etc = sandbox.etc().toString();

    // Cia (away) recorded her own before she left.
    byte[] cias = "RIFF cia's own recording".getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(context.resolve("2204"));
    Files.write(context.resolve("2204/temp.wav"), cias);
    // As Asterisk's user made them (the spool is its, inside the chroot).
    var asterisk = Files.readAttributes(spool, java.nio.file.attribute.PosixFileAttributes.class);
    for (Path p : List.of(context, context.resolve("2204"), context.resolve("2204/temp.wav"))) {
      Files.setOwner(p, asterisk.owner());
      Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class)
          .setGroup(asterisk.group());
    }

    Pbx.Run apply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc);
    assertEquals(0, apply.code(), apply.out() + apply.err());
    assertTrue(Files.isRegularFile(context.resolve("2202/temp.wav")), "Anna is away");
    assertTrue(Files.isRegularFile(context.resolve("2203/temp.wav")), "Bo is away");
    assertArrayEquals(cias, Files.readAllBytes(context.resolve("2204/temp.wav")));
    assertFalse(Files.exists(context.resolve("2201/temp.wav")), "Per is present");
    assertFalse(Files.exists(context.resolve("2205/temp.wav")), "Dan leaves tomorrow");
    assertEquals(asterisk.owner(), Files.getOwner(context.resolve("2202")), "Asterisk's, to write");
    assertEquals(asterisk.owner(), Files.getOwner(context.resolve("2202/temp.wav")));

    double anna = heard(pbx, "2202");
    double per = heard(pbx, "2201");
    double spoken = (Files.size(context.resolve("2202/temp.wav")) - 44) / 16000.0;
    System.out.printf("TemporaryGreetingIT: greeting %.1f s; heard from Anna's mailbox %.1f s,"
        + " from Per's (Asterisk's default) %.1f s%n", spoken, anna, per);
    assertTrue(spoken > SPOKEN_SECONDS, "the greeting is " + spoken + " s");
    assertTrue(anna >= spoken && anna > per + SPOKEN_SECONDS / 2, "Anna's mailbox greeted for "
        + anna + " s, the spoken greeting is " + spoken + " s, Per's default " + per + " s");

    List<String> findings = findings(pbx, staff);
    assertTrue(findings.contains("GREETING-MISSING 2202"), "the probe ran: " + findings);
    for (String mailbox : List.of("2202", "2203", "2204")) {
      assertFalse(findings.contains("ABSENCE-NO-TEMP-GREETING " + mailbox), findings.toString());
    }

    // Bo records over vaxel's; then Anna and Bo are back (their absences taken out).
    byte[] bos = "RIFF bo re-recorded".getBytes(StandardCharsets.UTF_8);
    Files.write(context.resolve("2203/temp.wav"), bos);
    String back = ItStaff.yaml()
        .replaceFirst("(?s)(email: anna@testby\\.se\\n).*?(  - id: bo\\.away)", "$1$2")
        .replaceFirst("(?s)(email: bo@testby\\.se\\n).*?(  - id: cia\\.away)", "$1$2");
    assertFalse(back.equals(ItStaff.yaml()));
    staff = ItStaff.write(dir, speech + back);
    apply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc);
    assertEquals(0, apply.code(), apply.out() + apply.err());
    assertFalse(Files.exists(context.resolve("2202/temp.wav")), "vaxel's, removed");
    assertArrayEquals(bos, Files.readAllBytes(context.resolve("2203/temp.wav")));
    assertArrayEquals(cias, Files.readAllBytes(context.resolve("2204/temp.wav")));
    try (var records = Files.list(sounds.resolve("testby-kommun"))) {
      assertEquals(List.of(), records.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("temp-")).toList());
    }
  }

  /** Seconds of audio the caller heard from VoiceMail() of {@code mailbox}. */
  private static double heard(Pbx pbx, String mailbox) throws Exception {
    String id = UUID.randomUUID().toString();
    String rec = "/tmp/vaxel-rec-" + id + ".wav";
    Path file = pbx.sandbox().root().resolve(rec.substring(1));
    CountDownLatch done = new CountDownLatch(1);
    try (AmiClient ami = AmiConnector.connect(pbx.settings().withEvents(true));
        AmiClient.Subscription sub = ami.onUserEvent("VaxelVmDone", e -> {
          if (id.equals(e.get("call"))) {
            done.countDown();
          }
        })) {
      ami.originate("Local/s@" + RECORDER, "Wait", "60",
          Map.of("__REC", rec, "__BOX", mailbox, "__CALL", id), Duration.ofSeconds(10));
      assertTrue(done.await(70, TimeUnit.SECONDS), "the call to " + mailbox + " never ended");
    }
    // MixMonitor writes the file out when the recorded channel hangs up.
    long size = -1;
    for (int i = 0; i < 50; i++) {
      Thread.sleep(200);
      long now = Files.exists(file) ? Files.size(file) : -1;
      if (now > 0 && now == size) {
        break;
      }
      size = now;
    }
    Files.deleteIfExists(file);
    return size <= 44 ? 0 : (size - 44) / 16000.0;
  }

  /** "RULE extension" of each finding of {@code vaxel check}. */
  private static List<String> findings(Pbx pbx, Path staff) throws Exception {
    Pbx.Run run = pbx.vaxel("check", "-f", staff.toString(), "--format", "json");
    JsonNode json = new ObjectMapper().readTree(run.out());
    List<String> out = new ArrayList<>();
    for (JsonNode f : json.get("findings")) {
      out.add(f.get("rule").asText() + " " + f.path("extension").asText());
    }
    return out;
  }
}

package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.cli.CliContext;
import se.vaxel.cli.Main;
import se.vaxel.generate.Rendering;
import se.vaxel.model.Staff;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.ItStaff;

/**
 * How apply fails, with Mockito at the AMI interface. Every case here ends with verification
 * failing on the mailboxes (a mock has none), so what is asserted is the way there: reloads
 * waited for, connections opened again, files put back, and what the message says.
 */
class DeploymentTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final String MAIN_VM = "[general]\npasswordlocation=spooldir\n";
  private static final String MAIN_EXT = "[from-internal]\n";
  /** ItStaff declares no id: derived from its name, Testby kommun. */
  static final String ORG = "testby-kommun";

  @TempDir Path tmp;
  Path etc;
  Path staffFile;
  AmiClient ami = mock(AmiClient.class);
  /** Connections apply opens itself, in order; each reload fails as scripted. */
  Deque<AmiClient> reloaders = new ArrayDeque<>();
  int opened;

  @BeforeEach
  void confDir() throws IOException {
    etc = Files.createDirectories(tmp.resolve("etc"));
    Files.writeString(etc.resolve("voicemail.conf"), MAIN_VM);
    Files.writeString(etc.resolve("extensions.conf"), MAIN_EXT);
    staffFile = ItStaff.write(tmp);
  }

  @Test
  void aReloadInProgressIsWaitedForNotTakenForAFailure() throws IOException {
    AmiClient reloader = mock(AmiClient.class);
    doThrow(inProgress()).doThrow(inProgress()).doNothing()
        .when(reloader).reload(Deployment.VOICEMAIL_MODULE);
    reloaders.add(reloader);

    Deployment.NotLoadedException e = assertThrows(Deployment.NotLoadedException.class,
        () -> deployment().apply(NOW));

    // Twice "in progress", once done; the restore's reloads go through a connection of their
    // own, opened with the restore's longer deadline.
    verify(reloader, times(3)).reload(Deployment.VOICEMAIL_MODULE);
    verify(reloader, times(1)).reload(Deployment.DIALPLAN_MODULE);
    assertEquals(2, opened, "one for apply's reloads, one for the restore's");
    assertTrue(e.getMessage().contains("the previous configuration is restored and reloaded"),
        e.getMessage());
    assertPristine();
  }

  @Test
  void aDroppedConnectionIsOpenedAgainToFinishTheReload() throws IOException {
    AmiClient dropped = mock(AmiClient.class);
    doThrow(new AmiException(AmiException.Kind.UNREACHABLE, "lost the AMI connection"))
        .when(dropped).reload(any());
    reloaders.add(dropped);
    reloaders.add(mock(AmiClient.class));
    when(ami.voicemailUsers()).thenReturn(List.of())
        .thenThrow(new AmiException(AmiException.Kind.UNREACHABLE, "lost the AMI connection"));

    Deployment.NotLoadedException e = assertThrows(Deployment.NotLoadedException.class,
        () -> deployment().apply(NOW));

    assertEquals(4, opened,
        "one for the reload that dropped, one to reload, one to verify, one for the restore");
    assertTrue(e.getMessage().contains("restored and reloaded"), e.getMessage());
    assertPristine();
  }

  @Test
  void aPbxThatStaysUnreachableLeavesTheNewFilesAndSaysSo() throws IOException {
    Deployment d = new Deployment(staff(), rendered(), new ConfDir(etc), ami, new Deployment.Link() {
      @Override
      public AmiClient open(Duration listTimeout) {
        opened++;
        throw new AmiException(AmiException.Kind.UNREACHABLE, "cannot reach the AMI");
      }

      @Override
      public Duration listTimeout() {
        return Duration.ofSeconds(60);
      }
    });

    Deployment.NotLoadedException e = assertThrows(Deployment.NotLoadedException.class,
        () -> d.apply(NOW));

    assertTrue(opened > 1, "tried to connect again");
    assertTrue(e.getMessage().contains("the new configuration is in " + etc), e.getMessage());
    assertTrue(e.getMessage().contains("Run 'vaxel apply' again"), e.getMessage());
    assertEquals(rendered().voicemailConf(),
        Files.readString(etc.resolve("vaxel/" + ORG + "/voicemail.conf")));
    assertTrue(Files.exists(etc.resolve("vaxel/" + ORG + "/apply-journal")),
        "kept for the next apply");
  }

  @Test
  void aReloadStillRunningAtTheDeadlineIsNeverWrittenUnder() throws IOException {
    AmiClient slow = mock(AmiClient.class);
    doThrow(new AmiException(AmiException.Kind.TIMEOUT, "did not answer Reload"))
        .when(slow).reload(Deployment.VOICEMAIL_MODULE);
    reloaders.add(slow);

    Deployment.NotLoadedException e = assertThrows(Deployment.NotLoadedException.class,
        () -> deployment().apply(NOW));

    assertTrue(e.getMessage().contains("still reloading " + Deployment.VOICEMAIL_MODULE),
        e.getMessage());
    verify(slow, never()).reload(Deployment.DIALPLAN_MODULE);
    assertEquals(rendered().voicemailConf(),
        Files.readString(etc.resolve("vaxel/" + ORG + "/voicemail.conf")), "not restored");
  }

  @Test
  void afterAKilledApplyTheJournalNotTheHalfWrittenFilesIsWhatIsRestored() throws IOException {
    // A killed apply journalled the pristine directory, then wrote a fragment and the include.
    new ConfDir(etc).writeJournal(ConfDir.journalPath(ORG), Map.of("voicemail.conf", Optional.of(MAIN_VM),
        "extensions.conf", Optional.of(MAIN_EXT)));
    Files.createDirectories(etc.resolve("vaxel/" + ORG));
    Files.writeString(etc.resolve("vaxel/" + ORG + "/voicemail.conf"), "half of something\n");
    Files.writeString(etc.resolve("voicemail.conf"),
        MAIN_VM + ConfDir.includeLine("voicemail.conf") + "\n");
    reloaders.add(mock(AmiClient.class));

    assertThrows(Deployment.NotLoadedException.class, () -> deployment().apply(NOW));

    assertPristine();
    assertFalse(Files.exists(etc.resolve("vaxel/" + ORG + "/previous/voicemail.conf")),
        "what a killed apply half wrote is not kept as the previous configuration");
  }

  @Test
  void aFailedWriteIsExitThreeWithTheFilesPutBackAndNothingReloaded() throws IOException {
    // Someone else's link where extensions.conf should be: apply refuses to write through it.
    Path elsewhere = Files.writeString(tmp.resolve("elsewhere.conf"), MAIN_EXT);
    Files.delete(etc.resolve("extensions.conf"));
    Files.createSymbolicLink(etc.resolve("extensions.conf"), elsewhere);
    Files.setAttribute(etc.resolve("extensions.conf"), "unix:uid", 4242,
        LinkOption.NOFOLLOW_LINKS);
    AmiClient reloader = mock(AmiClient.class);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = new Main(new CliContext(new PrintWriter(out), new PrintWriter(err),
        Map.of("VAXEL_AMI_SECRET", "s"), Clock.systemUTC(), false,
        settings -> settings.listTimeout().equals(Duration.ofSeconds(60)) ? ami : reloader))
        .run("apply", "-f", staffFile.toString(), "--asterisk-conf-dir", etc.toString());

    assertEquals(3, code, err.toString());
    assertTrue(err.toString().contains("could not write the new configuration"), err.toString());
    assertTrue(err.toString().contains("nothing was reloaded"), err.toString());
    verify(reloader, never()).reload(any());
    verify(ami, never()).reload(any());
    assertEquals(MAIN_VM, Files.readString(etc.resolve("voicemail.conf")));
    assertFalse(Files.exists(etc.resolve("vaxel/voicemail.conf")));
    assertFalse(Files.exists(etc.resolve("vaxel/" + ORG)));
  }

  @Test
  void aHeldLockSaysWhoHoldsIt() throws IOException {
    ConfDir conf = new ConfDir(etc);
    try (ConfDir.Lock held = conf.lock("vaxel apply", Duration.ZERO)) {
      ConfDir.BusyException e = assertThrows(ConfDir.BusyException.class,
          () -> conf.lock("vaxel absence set", Duration.ZERO));
      assertTrue(e.getMessage().contains("is held by vaxel apply (pid "
          + ProcessHandle.current().pid()), e.getMessage());
    }
    conf.lock("vaxel absence set", Duration.ZERO).close();
  }

  private void assertPristine() throws IOException {
    assertEquals(MAIN_VM, Files.readString(etc.resolve("voicemail.conf")));
    assertEquals(MAIN_EXT, Files.readString(etc.resolve("extensions.conf")));
    assertFalse(Files.exists(etc.resolve("vaxel/voicemail.conf")));
    assertFalse(Files.exists(etc.resolve("vaxel/extensions.conf")));
    assertFalse(Files.exists(etc.resolve("vaxel/" + ORG)), "nothing of the failed apply left");
  }

  private Deployment deployment() throws IOException {
    return new Deployment(staff(), rendered(), new ConfDir(etc), ami, new Deployment.Link() {
      @Override
      public AmiClient open(Duration listTimeout) {
        opened++;
        return reloaders.isEmpty() ? mock(AmiClient.class) : reloaders.poll();
      }

      @Override
      public Duration listTimeout() {
        return Duration.ofSeconds(60);
      }
    });
  }

  private Staff staff() throws IOException {
    try {
      return new StaffLoader().load(staffFile);
    } catch (se.vaxel.staff.StaffException e) {
      throw new IllegalStateException(e);
    }
  }

  private se.vaxel.render.AsteriskConfig.Rendered rendered() throws IOException {
    return Rendering.of(Optional.empty(), "test").asterisk().render(staff());
  }

  private static AmiException inProgress() {
    return new AmiException(AmiException.Kind.ACTION_FAILED,
        "AMI action Reload failed: A reload is in progress");
  }
}

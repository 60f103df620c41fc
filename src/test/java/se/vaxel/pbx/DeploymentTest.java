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

  /** What an earlier vaxel left for the ItStaff file: its fragments directly in vaxel/. */
  private Map<String, String> earlierLayout() throws IOException {
    se.vaxel.render.AsteriskConfig.Rendered earlier =
        Rendering.of(Optional.empty(), "0.1").asterisk().render(staff());
    Map<String, String> files = new java.util.TreeMap<>(Map.of(
        "vaxel/voicemail.conf", earlier.voicemailConf(),
        "vaxel/extensions.conf", earlier.extensionsConf(),
        "vaxel/previous/voicemail.conf", "; an older one\n[vaxel-it]\n",
        "vaxel/previous/extensions.conf", "; an older one\n[vaxel-it-staff]\n",
        "voicemail.conf", MAIN_VM + ConfDir.includeLine("voicemail.conf") + "\n",
        "extensions.conf", MAIN_EXT + ConfDir.includeLine("extensions.conf") + "\n"));
    for (Map.Entry<String, String> e : files.entrySet()) {
      Files.createDirectories(etc.resolve(e.getKey()).getParent());
      Files.writeString(etc.resolve(e.getKey()), e.getValue());
    }
    return files;
  }

  /** The directory holds exactly {@code expected}, byte for byte. */
  private void assertTree(Map<String, String> expected) throws IOException {
    Map<String, String> actual = tree();
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((k, v) -> assertEquals(v, actual.get(k), k));
  }

  /** Every file under etc, relative, with its text. */
  private Map<String, String> tree() throws IOException {
    Map<String, String> files = new java.util.TreeMap<>();
    try (var walk = Files.walk(etc)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = etc.relativize(p).toString();
        if (!rel.equals("vaxel/lock")) {
          files.put(rel, Files.readString(p));
        }
      }
    }
    return files;
  }

  private Staff beta() throws IOException {
    try {
      return new StaffLoader().load(ItStaff.write(Files.createDirectories(tmp.resolve("beta")),
          ItStaff.organisation("beta", "23")));
    } catch (se.vaxel.staff.StaffException e) {
      throw new IllegalStateException(e);
    }
  }

  private Deployment platform(List<Staff> targets, List<Staff> others) {
    List<Deployment.Target> t = targets.stream().map(s -> new Deployment.Target(s,
        Rendering.of(Optional.empty(), "test").asterisk().render(s))).toList();
    return new Deployment(t, others, new ConfDir(etc), ami, new Deployment.Link() {
      @Override
      public AmiClient open(Duration listTimeout) {
        opened++;
        return mock(AmiClient.class);
      }

      @Override
      public Duration listTimeout() {
        return Duration.ofSeconds(60);
      }
    });
  }

  @Test
  void anEarlierFragmentOfAnOrganisationNotBeingAppliedIsRefusedWithTheCommandToRun()
      throws IOException {
    Map<String, String> earlier = earlierLayout();

    Deployment.NotLoadedException e = assertThrows(Deployment.NotLoadedException.class,
        () -> platform(List.of(beta()), List.of(staff())).apply(NOW));

    assertTrue(e.getMessage().startsWith("nothing was changed: "), e.getMessage());
    assertTrue(e.getMessage().contains("for organisation " + ORG + ", which this apply does "
        + "not include; apply it first ('vaxel apply --org " + ORG), e.getMessage());
    assertEquals(earlier, tree());
    verify(ami, never()).reload(any());
  }

  @Test
  void anEarlierFragmentNoOrganisationDefinesIsRefused() throws IOException {
    Map<String, String> earlier = earlierLayout();
    Staff gamma;
    try {
      gamma = new StaffLoader().load(ItStaff.write(Files.createDirectories(tmp.resolve("g")),
          ItStaff.organisation("gamma", "24")));
    } catch (se.vaxel.staff.StaffException ex) {
      throw new IllegalStateException(ex);
    }

    Deployment.NotLoadedException e = assertThrows(Deployment.NotLoadedException.class,
        () -> platform(List.of(beta(), gamma), List.of()).apply(NOW));

    assertTrue(e.getMessage().contains("contexts vaxel-it, vaxel-it-staff"), e.getMessage());
    assertTrue(e.getMessage().contains("which no organisation here defines"), e.getMessage());
    assertEquals(earlier, tree());
  }

  @Test
  void aSecondOrganisationAppliedOnItsOwnNeverTakesOverTheFirstOnesEarlierFragment()
      throws IOException {
    Map<String, String> earlier = earlierLayout();

    // Vännäs's own staff file, applied alone on a PBX where Bjurholm's earlier vaxel wrote
    // vaxel/*.conf: a platform of one, yet the fragment is not its own.
    Deployment.NotLoadedException e = assertThrows(Deployment.NotLoadedException.class,
        () -> platform(List.of(beta()), List.of()).apply(NOW));

    assertTrue(e.getMessage().contains("which no organisation here defines. If it is another "
        + "organisation's, apply that organisation first"), e.getMessage());
    assertEquals(earlier, tree());
    verify(ami, never()).reload(any());
  }

  @Test
  void aDirectoryLeftByAnEarlierIdOfTheSameOrganisationIsRefusedAndNamed() throws IOException {
    Staff beta = beta();
    // The same organisation's fragments under another id, as when its name (and so its derived
    // id) changed since the last apply.
    se.vaxel.render.AsteriskConfig.Rendered r =
        Rendering.of(Optional.empty(), "test").asterisk().render(beta);
    Path old = Files.createDirectories(etc.resolve("vaxel/old-name"));
    Files.writeString(old.resolve("extensions.conf"), r.extensionsConf());
    Files.writeString(old.resolve("voicemail.conf"), r.voicemailConf());
    Map<String, String> before = tree();

    Deployment.NotLoadedException e = assertThrows(Deployment.NotLoadedException.class,
        () -> platform(List.of(beta), List.of()).apply(NOW));

    assertTrue(e.getMessage().contains("vaxel/old-name/ in " + etc + " defines the contexts of "
        + "organisation " + beta.organisation().id() + " too"), e.getMessage());
    assertEquals(before, tree());
  }

  @Test
  void aMigrationThatDoesNotVerifyPutsTheEarlierLayoutBackExactly() throws IOException {
    Map<String, String> earlier = earlierLayout();
    reloaders.add(mock(AmiClient.class));

    Deployment.NotLoadedException e = assertThrows(Deployment.NotLoadedException.class,
        () -> platform(List.of(staff(), beta()), List.of()).apply(NOW));

    assertTrue(e.getMessage().contains("organisation " + ORG + ": after reload"),
        e.getMessage());
    assertTrue(e.getMessage().contains("organisation beta: after reload"), e.getMessage());
    assertTrue(e.getMessage().contains("Applied and verified: none"), e.getMessage());
    assertTree(earlier);
  }

  @Test
  void aMigrationKilledHalfwayIsPutBackFromItsJournal() throws IOException {
    Map<String, String> earlier = earlierLayout();
    // The killed apply had journalled the earlier layout, then moved the fragments, written
    // the index and removed the earlier previous files.
    Map<String, Optional<String>> journal = new java.util.LinkedHashMap<>();
    earlier.forEach((k, v) -> journal.put(k, Optional.of(v)));
    new ConfDir(etc).writeJournal(ConfDir.journalPath(ORG), journal);
    Files.writeString(etc.resolve("vaxel/" + ORG + "/voicemail.conf"), rendered().voicemailConf());
    Files.writeString(etc.resolve("vaxel/voicemail.conf"), ConfDir.indexText("voicemail.conf"));
    Files.delete(etc.resolve("vaxel/previous/voicemail.conf"));
    reloaders.add(mock(AmiClient.class));

    assertThrows(Deployment.NotLoadedException.class, () -> deployment().apply(NOW));

    assertTree(earlier); // the journal, not the half-migrated files
  }

  @Test
  void anUnfinishedApplyOfAnotherOrganisationIsFinishedFirst() throws IOException {
    new ConfDir(etc).writeJournal(ConfDir.journalPath("beta"), Map.of());
    Deployment.NotLoadedException e = assertThrows(Deployment.NotLoadedException.class,
        () -> deployment().apply(NOW));
    assertTrue(e.getMessage().contains("an apply of organisation beta did not finish"),
        e.getMessage());
    assertTrue(e.getMessage().contains("'vaxel apply --org beta'"), e.getMessage());
    assertFalse(Files.exists(etc.resolve("vaxel/" + ORG)));
  }

  @Test
  void theJournalOfAnEarlierVaxelIsTakenOverAndFinished() throws IOException {
    // An earlier vaxel, killed during its first apply, had journalled the pristine directory
    // in vaxel/apply-journal and written its fragment.
    new ConfDir(etc).writeJournal(ConfDir.legacyJournalPath(), Map.of(
        "voicemail.conf", Optional.of(MAIN_VM), "extensions.conf", Optional.of(MAIN_EXT)));
    Files.writeString(etc.resolve("vaxel/voicemail.conf"), rendered().voicemailConf());
    reloaders.add(mock(AmiClient.class));

    assertThrows(Deployment.NotLoadedException.class, () -> deployment().apply(NOW));

    assertPristine();
    assertFalse(Files.exists(etc.resolve(ConfDir.legacyJournalPath())));
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

package se.vaxel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.AmiSettings;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.compliance.Finding;
import se.vaxel.generate.Rendering;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.live.SnapshotReader;
import se.vaxel.model.DialplanContexts;
import se.vaxel.model.Staff;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.report.Report;
import se.vaxel.staff.StaffLoader;

/**
 * A platform's check on a mocked AMI: each organisation is judged on its own mailboxes and
 * contexts, and the PBX-wide lists are read once for all of them.
 */
class PlatformCheckTest {
  private static final Path RESOURCES =
      Path.of(System.getProperty("user.dir"), "src/test/resources/platform");
  private static final SnapshotReader.ProbeTimeouts FAST =
      new SnapshotReader.ProbeTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1));
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T09:00:00Z"), ZoneOffset.UTC);

  private final AmiClient ami = mock(AmiClient.class);
  private final AmiConnector connector = mock(AmiConnector.class);

  private static VoicemailBox box(String context, String mailbox, String name) {
    return new VoicemailBox(context, mailbox, name, "", "", "", "", false, 0, 0, 100, 0);
  }

  private List<CheckService.Organisation> organisations() throws Exception {
    StaffLoader loader = new StaffLoader();
    AsteriskConfig asterisk = Rendering.of(Optional.empty(), "test").asterisk();
    List<CheckService.Organisation> out = new ArrayList<>();
    for (String org : List.of("alfa", "beta")) {
      Staff staff = loader.load(RESOURCES.resolve(org + "/staff.yaml"));
      AsteriskConfig.Rendered r = asterisk.render(staff);
      out.add(new CheckService.Organisation(staff,
          GeneratedDialplan.parse(r.extensionsConf(), r.fingerprint()), Optional.empty()));
    }
    return out;
  }

  /** Mailboxes of both organisations and one orphan in each context; no dialplan loaded. */
  private void pbx() {
    when(connector.open(any())).thenReturn(ami);
    when(ami.voicemailUsers()).thenReturn(List.of(
        box("vaxel-alfa", "3101", "Anna Berg"), box("vaxel-alfa", "3102", "Bo Lind"),
        box("vaxel-alfa", "3199", "Gone Alfa"),
        box("vaxel-beta", "4101", "Anna Berg"), box("vaxel-beta", "4102", "Wrong Name"),
        box("default", "1234", "Someone else's")));
    when(ami.showDialplan()).thenReturn(List.of());
    when(ami.dbGetTree(anyString())).thenReturn(Map.of());
    when(ami.pjsipEndpoints()).thenReturn(List.of());
    when(ami.pjsipContacts()).thenReturn(List.of());
  }

  private CheckService.Outcome check() throws Exception {
    return new CheckService(CLOCK, FAST).check(organisations(), connector,
        AmiSettings.of("pbx.test", 5038, "vaxel", "secret"));
  }

  @Test
  void eachOrganisationIsJudgedOnItsOwnNamesAndTheListsAreReadOnce() throws Exception {
    pbx();

    Report report = check().report();

    verify(ami, times(1)).voicemailUsers();
    verify(ami, times(1)).pjsipEndpoints();
    verify(ami, times(1)).pjsipContacts();
    verify(ami, times(1)).showDialplan();
    // Each organisation's own family, each once.
    for (String org : List.of("alfa", "beta")) {
      DialplanContexts ctx = DialplanContexts.of(organisations().stream()
          .filter(o -> o.staff().organisation().id().equals(org)).findFirst().orElseThrow()
          .staff().asterisk());
      verify(ami, times(1)).dbGetTree(ctx.overrideFamily());
    }
    assertEquals(List.of("alfa", "beta"), report.organisations().stream()
        .map(r -> r.organisation().orElseThrow().id()).toList());
    Report alfa = report.organisations().get(0);
    Report beta = report.organisations().get(1);
    assertTrue(rows(alfa).contains("VM-ORPHAN null 3199"), rows(alfa).toString());
    assertFalse(rows(alfa).stream().anyMatch(r -> r.contains("410")), "Beta's boxes: " + rows(alfa));
    assertTrue(rows(beta).contains("VM-NAME zoe.obrien 4102"), rows(beta).toString());
    assertFalse(rows(beta).stream().anyMatch(r -> r.contains("31")), "Alfa's boxes: " + rows(beta));
    assertEquals(4, report.result().people());
    assertEquals(alfa.result().findings().size() + beta.result().findings().size(),
        report.result().findings().size());
    assertFalse(report.result().compliant());
  }

  @Test
  void aPbxThatFailsDuringTheSecondOrganisationFailsTheWholeCheck() throws Exception {
    pbx();
    DialplanContexts beta = DialplanContexts.of(organisations().get(1).staff().asterisk());
    when(ami.dbGetTree(beta.overrideFamily()))
        .thenThrow(new AmiException(AmiException.Kind.TIMEOUT, "DBGetTree timed out"));

    assertThrows(AmiException.class, this::check);
    verify(ami).close();
  }

  private static List<String> rows(Report r) {
    return r.result().findings().stream()
        .map((Finding f) -> f.rule() + " " + f.staffId() + " " + f.extension()).toList();
  }
}

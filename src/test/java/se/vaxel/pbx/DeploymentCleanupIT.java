package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.generate.Rendering;
import se.vaxel.live.AbsenceEvent;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Staff;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * Cleaning up sound files after a verified reload is housekeeping: on the real Asterisk 22, a
 * producer whose clean-up fails leaves apply a success, with a warning, and the consoles still
 * hear VaxelApplied.
 */
class DeploymentCleanupIT {
  @TempDir Path dir;

  @Test
  void aFailedCleanUpAfterAVerifiedReloadIsAWarningNotAFailedApply() throws Exception {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    Pbx pbx = new Pbx(sandbox);
    Staff staff = new StaffLoader().load(ItStaff.write(dir));
    SoundProducer failing = new SoundProducer() {
      @Override
      public void ensure(Staff s, Instant now) {}

      @Override
      public int retain(Staff s, Collection<LiveOverride> live, Instant now) {
        throw new java.io.UncheckedIOException(new java.io.IOException(
            "announce-x.wav: Permission denied"));
      }
    };
    List<String> warnings = new CopyOnWriteArrayList<>();
    List<Object> applied = new CopyOnWriteArrayList<>();
    try (AmiClient events = AmiConnector.connect(pbx.settings().withEvents(true));
        AmiClient.Subscription sub = events.onUserEvent(AbsenceEvent.APPLIED, applied::add);
        AmiClient ami = pbx.connect()) {
      Deployment.Applied result = new Deployment(staff,
          Rendering.of(Optional.empty(), se.vaxel.cli.VaxelCommand.version()).asterisk()
              .render(staff), new ConfDir(sandbox.etc()), ami, new Deployment.Link() {
                @Override
                public AmiClient open(Duration listTimeout) {
                  return AmiConnector.connect(pbx.settings()
                      .withTimeouts(Duration.ofSeconds(10), listTimeout));
                }

                @Override
                public Duration listTimeout() {
                  return Duration.ofSeconds(60);
                }
              }).withSounds(List.of(failing)).withWarnings(warnings::add).apply(Instant.now());
      assertTrue(result.reloaded());
      Thread.sleep(500);
    }
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("not cleaned up")
        && warnings.get(0).contains("Permission denied"), warnings.get(0));
    assertTrue(!applied.isEmpty(), "VaxelApplied was not sent");
  }
}

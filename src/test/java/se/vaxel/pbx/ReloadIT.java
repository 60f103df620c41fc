package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * What apply's waiting rests on (docs/apply.md), on the real Asterisk 22: the AMI action Reload
 * answers only once the reload is done, and another Reload meanwhile answers "A reload is in
 * progress" without reloading anything.
 */
class ReloadIT {
  private static final int MAILBOXES = 20000;

  @Test
  void reloadAnswersWhenDoneAndASecondOneMeanwhileIsInProgress() throws Exception {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    Pbx pbx = new Pbx(sandbox);
    StringBuilder boxes = new StringBuilder("[reload-it]\n");
    for (int i = 0; i < MAILBOXES; i++) {
      boxes.append(100000 + i).append(" => ,Person ").append(i).append('\n');
    }
    Path etc = sandbox.etc();
    Files.writeString(etc.resolve("reload-it.conf"), boxes, StandardCharsets.UTF_8);
    Files.writeString(etc.resolve("voicemail.conf"), "\n#include \"reload-it.conf\"\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    try (AmiClient first = pbx.connect(); AmiClient second = pbx.connect()) {
      CompletableFuture<Void> reload = CompletableFuture.runAsync(
          () -> first.reload(Deployment.VOICEMAIL_MODULE));
      Thread.sleep(300);
      assertTrue(!reload.isDone(), "the reload of " + MAILBOXES + " mailboxes took < 300 ms");

      AmiException meanwhile = assertThrows(AmiException.class,
          () -> second.reload(Deployment.DIALPLAN_MODULE));

      assertTrue(meanwhile.getMessage().contains("A reload is in progress"),
          meanwhile.getMessage());
      reload.get(5, TimeUnit.MINUTES);
      // The last mailbox of the file, asked for alone: a list of 20,000 could lose entries to
      // AMI's write timeout on a busy machine.
      assertEquals("1", second.getvar("VM_INFO(" + (100000 + MAILBOXES - 1)
          + "@reload-it,exists)").orElse(""), "the last mailbox is there once Reload answered");
    } finally {
      sandbox.reset();
    }
  }
}

package se.vaxel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval "$(scripts/asterisk-sandbox env)"} hands a program started afterwards what the
 * vaxel CLI reads (VAXEL_AMI as HOST:PORT, the user, the secret file), not only the parts that
 * tests read. Printing the variables needs no sandbox and no root.
 */
class SandboxEnvTest {
  @TempDir Path tmp;

  @Test
  void evalExportsWhatTheCliReads() throws Exception {
    // printenv is a child process: it sees only what was exported.
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "eval \"$(scripts/asterisk-sandbox env)\""
        + " && printenv VAXEL_AMI VAXEL_AMI_USER VAXEL_AMI_SECRET_FILE VAXEL_AMI_HOST"
        + " VAXEL_AMI_PORT");
    pb.environment().keySet().removeIf(k -> k.startsWith("VAXEL_"));
    pb.environment().put("VAXEL_SANDBOX_DIR", tmp.toString());
    pb.environment().put("VAXEL_SANDBOX_PORT", "5999");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, p.waitFor(), out);
    assertEquals("127.0.0.1:5999\nvaxel\n" + tmp.resolve("ami-secret") + "\n127.0.0.1\n5999\n",
        out);
  }
}

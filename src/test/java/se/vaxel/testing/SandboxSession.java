package se.vaxel.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Ends a test run by stopping the sandbox Asterisk if the run started it: 'mvn verify' must
 * not leave a root Asterisk behind. Registered in META-INF/services, so every JUnit run
 * (surefire, failsafe, an IDE) gets it; a run that never touched the sandbox does nothing.
 */
public final class SandboxSession implements LauncherSessionListener {
  @Override
  public void launcherSessionClosed(LauncherSession session) {
    Sandbox.stopIfStartedHere();
  }
}

package se.vaxel.model;

/**
 * The words of an away presence's message ({@code pbx.PresenceValue}), which two writers must
 * spell alike: vaxel when it publishes presence, and the generated dialplan when a feature code
 * sets an absence from a phone. Apply and check compare the live message with the one vaxel
 * would write, so one letter of difference would be a false finding.
 */
public final class PresenceMessage {

  private PresenceMessage() {}

  /**
   * "Borta t.o.m. 2026-12-06 - samtal till växeln 100".
   *
   * @param lastDay the last day away, ISO (yyyy-MM-dd)
   * @param who whoever takes the calls, as {@link #switchboard} or a name and extension
   */
  public static String away(Organisation org, String lastDay, String who) {
    boolean sv = org.language() == Language.SV;
    return (sv ? "Borta t.o.m. " : "Away until ") + lastDay
        + (sv ? " - samtal till " : " - calls go to ") + who;
  }

  /** The switchboard as {@link #away} names it. */
  public static String switchboard(Organisation org) {
    return (org.language() == Language.SV ? "växeln " : "switchboard ") + org.switchboard();
  }
}

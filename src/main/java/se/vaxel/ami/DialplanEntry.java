package se.vaxel.ami;

import java.util.Objects;

/**
 * One priority (or hint) of a loaded dialplan context, from ShowDialPlan.
 *
 * <p>An {@code include =>} or {@code switch =>} of the context is an entry too, with priority
 * {@link #INCLUDE} or {@link #SWITCH}, extension "" and the included context (the switch) as
 * application: both make more extensions reachable from the context.
 *
 * @param priority the priority number, {@link #HINT} for the extension's hint, or {@link
 *     #INCLUDE} / {@link #SWITCH}
 * @param label the priority's label, "" when none
 * @param appData the application's arguments, "" for a hint
 * @param application for a hint, its devices, e.g. "PJSIP/2101&amp;CustomPresence:2101"
 * @param registrar who loaded it, e.g. "pbx_config" for extensions.conf
 */
public record DialplanEntry(
    String context,
    String extension,
    int priority,
    String label,
    String application,
    String appData,
    String registrar) {

  public static final int HINT = -1;
  public static final int INCLUDE = -2;
  public static final int SWITCH = -3;

  public DialplanEntry {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(appData, "appData");
    Objects.requireNonNull(registrar, "registrar");
  }

  public boolean isHint() {
    return priority == HINT;
  }

  /** Whether this is a numbered step a call runs: not a hint, an include or a switch. */
  public boolean isPriority() {
    return priority > 0;
  }
}

package se.vaxel.model;

import java.time.ZoneId;
import java.util.Objects;

/** The sender of every text (policy: "the organisation is always a clear sender"). */
public record Organisation(
    String name,
    String place,
    String switchboard,
    String phone,
    String functionalMailbox,
    Language language,
    ZoneId timezone) {

  public Organisation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(switchboard, "switchboard");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(timezone, "timezone");
  }
}

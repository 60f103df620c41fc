package se.vaxel.serve;

import java.util.Locale;

/** What an account may do in {@code vaxel serve}: the one list of roles. */
public enum Role {
  /** The switchboard console: everyone's state, anyone's absence. */
  SWITCHBOARD,
  /** My page: one's own texts and absence, nobody else's. */
  STAFF;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role a key names; IllegalArgumentException naming the valid ones otherwise. */
  public static Role fromKey(String key) {
    for (Role r : values()) {
      if (r.key().equals(key)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + key + "'; valid: switchboard, staff");
  }
}

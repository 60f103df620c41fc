package se.vaxel.ami;

import java.util.Objects;

/**
 * A PJSIP contact (one ContactList event of PJSIPShowContacts).
 *
 * @param id Asterisk's contact id, "aor;@hash"
 * @param aor the AOR the contact is registered to, taken from the id
 * @param status e.g. "Reachable", "Unreachable", "Unknown", "Created" (not qualified), "Removed"
 */
public record Contact(String id, String aor, String endpoint, String uri, String status) {

  public Contact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(aor, "aor");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(status, "status");
  }

  public boolean reachable() {
    return "Reachable".equalsIgnoreCase(status);
  }
}

package se.vaxel.ami;

import java.util.List;
import java.util.Objects;

/**
 * A PJSIP endpoint (one EndpointList event of PJSIPShowEndpoints).
 *
 * @param deviceState e.g. "Not in use", "Unavailable", "In use"
 * @param contacts the endpoint's contacts as Asterisk lists them, "aor/uri"
 */
public record Endpoint(String name, List<String> aors, String deviceState, List<String> contacts) {

  public Endpoint {
    Objects.requireNonNull(name, "name");
    aors = List.copyOf(aors);
    Objects.requireNonNull(deviceState, "deviceState");
    contacts = List.copyOf(contacts);
  }
}

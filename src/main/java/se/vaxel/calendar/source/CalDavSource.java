package se.vaxel.calendar.source;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import se.vaxel.calendar.CalendarOwner;
import se.vaxel.calendar.Fetch;

/**
 * A CalDAV calendar collection per person (RFC 4791), read in three steps, each only when the
 * one before found a change:
 *
 * <ol>
 *   <li>PROPFIND (Depth 0) of the collection's ctag ({@code CS:getctag}) or, without one, its
 *       {@code DAV:sync-token}: the same as kept means nothing changed, one request;
 *   <li>REPORT calendar-query (Depth 1) of the events' ETags;
 *   <li>REPORT calendar-multiget of only the events whose ETag is new or different, in batches.
 * </ol>
 *
 * An event kept from the last read whose ETag is unchanged is reused; one that is gone from the
 * listing is dropped.
 */
final class CalDavSource extends HttpCalendarSource {
  static final String KIND = "caldav";
  /** Hrefs per multiget: a few hundred events per answer keeps answers small and requests few. */
  static final int BATCH = 200;

  private static final Map<String, String> XML = Map.of(
      "Content-Type", "application/xml; charset=utf-8");

  private static final String PROPFIND = """
      <?xml version="1.0" encoding="utf-8"?>
      <d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">
        <d:prop><d:resourcetype/><cs:getctag/><d:sync-token/></d:prop>
      </d:propfind>
      """;

  private static final String QUERY = """
      <?xml version="1.0" encoding="utf-8"?>
      <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
        <d:prop><d:getetag/></d:prop>
        <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/></c:comp-filter></c:filter>
      </c:calendar-query>
      """;

  CalDavSource(Http http, Cache cache, Limits limits, String template) {
    super(http, cache, limits, template);
  }

  @Override
  Fetch read(CalendarOwner owner, String address, URI uri, Cache.Kept kept)
      throws SourceProblem, IOException {
    boolean usable = kept.isFor(KIND, address);
    String token = collectionToken(uri);
    if (usable && token != null && token.equals(kept.validator("token"))) {
      return new Fetch(owner, Fetch.Status.UNCHANGED, kept.documents(), null);
    }

    Map<String, String> etags = listEtags(uri);
    if (etags.size() > limits.maxEvents()) {
      throw tooMany(etags.size());
    }
    Map<String, Cache.Resource> before = new HashMap<>();
    if (usable) {
      for (Cache.Resource r : kept.resources()) {
        before.put(key(uri, r.href()), r);
      }
    }
    List<String> wanted = new ArrayList<>();
    for (Map.Entry<String, String> e : etags.entrySet()) {
      Cache.Resource old = before.get(key(uri, e.getKey()));
      if (old == null || old.etag().isEmpty() || !old.etag().equals(e.getValue())) {
        wanted.add(e.getKey());
      }
    }
    Map<String, Cache.Resource> fetched = multiget(uri, wanted);

    List<Cache.Resource> resources = new ArrayList<>();
    long bytes = 0;
    for (Map.Entry<String, String> e : etags.entrySet()) {
      String k = key(uri, e.getKey());
      Cache.Resource r = fetched.containsKey(k) ? fetched.get(k) : before.get(k);
      // Listed but neither kept nor returned by the multiget: deleted in between. The next
      // sync sees the collection's new ctag and reads it again.
      if (r != null && (fetched.containsKey(k) || Objects.equals(r.etag(), e.getValue()))) {
        resources.add(r);
        bytes += r.data().length();
      }
    }
    if (bytes > limits.maxBytes()) {
      throw new SourceProblem(tooLarge());
    }
    Map<String, String> validators = new LinkedHashMap<>();
    if (token != null) {
      validators.put("token", token);
    }
    cache.save(owner.personId(), new Cache.Kept(KIND, address, validators, resources));
    boolean same = usable && sameEvents(kept.resources(), resources);
    return new Fetch(owner, same ? Fetch.Status.UNCHANGED : Fetch.Status.CHANGED,
        resources.stream().map(Cache.Resource::data).toList(), null);
  }

  /** The collection's ctag, else its sync-token, else null (then every read lists ETags). */
  private String collectionToken(URI uri) throws SourceProblem {
    Http.Response r = http.send("PROPFIND", uri, headers("0"), PROPFIND, limits.maxBytes(),
        tooLarge());
    if (r.status() != 207) {
      throw http.refused(r);
    }
    List<Multistatus.Item> items = Multistatus.parse(r.body());
    if (items.isEmpty()) {
      throw new SourceProblem("the server's PROPFIND answer names no collection");
    }
    Multistatus.Item self = items.get(0);
    var type = self.element(Multistatus.DAV, "resourcetype");
    if (type == null || Multistatus.first(type, Multistatus.CALDAV, "calendar") == null) {
      throw new SourceProblem("not a CalDAV calendar collection; the address must name the "
          + "person's calendar itself (for example https://cal.example/{email}/calendar/)");
    }
    String ctag = self.text(Multistatus.CALSERVER, "getctag");
    if (ctag != null && !ctag.isBlank()) {
      return "ctag:" + ctag.trim();
    }
    String sync = self.text(Multistatus.DAV, "sync-token");
    return sync != null && !sync.isBlank() ? "sync:" + sync.trim() : null;
  }

  /** href → ETag of every event in the collection, in the server's order. */
  private Map<String, String> listEtags(URI uri) throws SourceProblem {
    Http.Response r = http.send("REPORT", uri, headers("1"), QUERY, limits.maxBytes(),
        tooLarge());
    if (r.status() != 207) {
      throw http.refused(r);
    }
    Map<String, String> etags = new LinkedHashMap<>();
    String self = key(uri, uri.getRawPath());
    for (Multistatus.Item item : Multistatus.parse(r.body())) {
      if (item.status() != -1 && item.status() != 200) {
        continue;
      }
      if (key(uri, item.href()).equals(self)) {
        continue;
      }
      String etag = item.text(Multistatus.DAV, "getetag");
      etags.put(item.href(), etag == null ? "" : etag.trim());
    }
    return etags;
  }

  /** key(href) → the event as the server sends it now, for the hrefs asked for. */
  private Map<String, Cache.Resource> multiget(URI uri, List<String> hrefs)
      throws SourceProblem {
    Map<String, Cache.Resource> out = new HashMap<>();
    long bytes = 0;
    for (int from = 0; from < hrefs.size(); from += BATCH) {
      StringBuilder body = new StringBuilder("""
          <?xml version="1.0" encoding="utf-8"?>
          <c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
            <d:prop><d:getetag/><c:calendar-data/></d:prop>
          """);
      for (String href : hrefs.subList(from, Math.min(hrefs.size(), from + BATCH))) {
        body.append("  <d:href>").append(Multistatus.escape(href)).append("</d:href>\n");
      }
      body.append("</c:calendar-multiget>\n");
      Http.Response r = http.send("REPORT", uri, headers("1"), body.toString(),
          limits.maxBytes() - bytes, tooLarge());
      if (r.status() != 207) {
        throw http.refused(r);
      }
      bytes += r.body().length;
      for (Multistatus.Item item : Multistatus.parse(r.body())) {
        String data = item.text(Multistatus.CALDAV, "calendar-data");
        if (data == null) {
          continue; // 404: deleted since the listing
        }
        downloaded.incrementAndGet();
        String etag = item.text(Multistatus.DAV, "getetag");
        out.put(key(uri, item.href()), new Cache.Resource(item.href(),
            etag == null ? "" : etag.trim(), crlf(data)));
      }
    }
    return out;
  }

  private static Map<String, String> headers(String depth) {
    Map<String, String> h = new LinkedHashMap<>(XML);
    h.put("Depth", depth);
    return h;
  }

  /**
   * An href as a comparable key: resolved against the collection and percent-decoded, since a
   * server may spell one resource's href differently in two answers.
   */
  static String key(URI collection, String href) {
    try {
      String path = collection.resolve(new URI(href)).getPath();
      return path == null ? href : path;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return href;
    }
  }

  /**
   * XML parsers turn the CRLF line ends of calendar-data into LF (XML 1.0 §2.11); RFC 5545
   * wants CRLF, which is what a feed delivers too.
   */
  static String crlf(String data) {
    return data.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  private static boolean sameEvents(List<Cache.Resource> a, List<Cache.Resource> b) {
    if (a.size() != b.size()) {
      return false;
    }
    Map<String, String> x = new HashMap<>();
    a.forEach(r -> x.put(r.href() + "\n" + r.etag(), r.data()));
    for (Cache.Resource r : b) {
      if (!r.data().equals(x.get(r.href() + "\n" + r.etag()))) {
        return false;
      }
    }
    return true;
  }
}

package se.vaxel.calendar.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A WebDAV 207 Multi-Status answer (RFC 4918 §13), as much of it as the CalDAV source reads:
 * per resource its href and the properties the server found (status 200).
 *
 * <p>Parsed with the JDK's DOM parser with DOCTYPEs refused: a calendar server's answer has no
 * business declaring entities (XXE).
 */
final class Multistatus {
  static final String DAV = "DAV:";
  static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
  static final String CALSERVER = "http://calendarserver.org/ns/";

  /** One {@code response}: its href, its own status if any, and its found properties. */
  record Item(String href, int status, Map<String, Element> found) {
    /** A found property's text, or null. Keys are {@code namespace + local name}. */
    String text(String namespace, String local) {
      Element e = found.get(namespace + local);
      return e == null ? null : e.getTextContent();
    }

    Element element(String namespace, String local) {
      return found.get(namespace + local);
    }
  }

  private Multistatus() {}

  static List<Item> parse(byte[] body) throws SourceProblem {
    Element root;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      root = b.parse(new ByteArrayInputStream(body)).getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new SourceProblem("the server's WebDAV answer is not well-formed XML");
    }
    if (!is(root, DAV, "multistatus")) {
      throw new SourceProblem("the server's answer is not a WebDAV multistatus");
    }
    List<Item> items = new ArrayList<>();
    for (Element response : children(root, DAV, "response")) {
      List<Element> hrefs = children(response, DAV, "href");
      if (hrefs.isEmpty()) {
        continue;
      }
      int own = status(first(response, DAV, "status"));
      Map<String, Element> found = new HashMap<>();
      for (Element propstat : children(response, DAV, "propstat")) {
        if (status(first(propstat, DAV, "status")) != 200) {
          continue;
        }
        Element prop = first(propstat, DAV, "prop");
        if (prop != null) {
          for (Element p : children(prop, null, null)) {
            found.put(p.getNamespaceURI() + p.getLocalName(), p);
          }
        }
      }
      // A response may list several hrefs sharing one status (RFC 4918 §14.24).
      for (Element href : hrefs) {
        items.add(new Item(href.getTextContent().trim(), own, found));
      }
    }
    return items;
  }

  /** The code of an HTTP status line ("HTTP/1.1 200 OK"), or -1 without one. */
  static int status(Element statusLine) {
    if (statusLine == null) {
      return -1;
    }
    String[] parts = statusLine.getTextContent().trim().split("\\s+");
    try {
      return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean is(Node n, String namespace, String local) {
    return n.getNodeType() == Node.ELEMENT_NODE && namespace.equals(n.getNamespaceURI())
        && local.equals(n.getLocalName());
  }

  /** Element children, all of them when {@code namespace} is null. */
  static List<Element> children(Element parent, String namespace, String local) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n.getNodeType() == Node.ELEMENT_NODE
          && (namespace == null || is(n, namespace, local))) {
        out.add((Element) n);
      }
    }
    return out;
  }

  static Element first(Element parent, String namespace, String local) {
    List<Element> c = children(parent, namespace, local);
    return c.isEmpty() ? null : c.get(0);
  }

  /** Escapes text for an XML element's content. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

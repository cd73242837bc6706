package org.newswire.fulltext;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.newswire.clean.ItemFurniture;

/**
 * What class names, ids, roles and short texts say about a block. The patterns follow the ones
 * Readability and boilerpipe grew from experience, plus the transliterated Russian names
 * (novost, statya, tekst, reklama, anons…) that Russian-language CMSs use, and the Cyrillic
 * phrases of their furniture ("Читайте также", "Комментарии", "Поделиться").
 */
final class Hints {
  private Hints() {}

  // Substring keywords, matched against the lower-cased class and id. Plain contains() over a
  // few dozen words is several times cheaper than one case-insensitive alternation regex, and
  // this runs for every element of every page.

  /** Blocks almost never holding the article; dropped before scoring unless MAYBE also matches. */
  static final String[] UNLIKELY = {
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "cookie", "consent", "header", "legends", "menu",
    "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social",
    "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
    "yom-remote", "newsletter", "subscribe", "share", "sharing", "toolbar", "navbar", "topnav",
    "informer", "reklama", "advert", "promo", "popular", "most-read", "mostread", "similar",
    "recommend", "outbrain", "taboola", "teaser", "anons", "login", "signup", "rating",
    "counter", "poll"
  };

  /**
   * Unlikely words that are certain: a block so named is furniture whatever its size. The
   * other unlikely words ("banner", "header", "extra"…) also turn up in names of article
   * containers ("_reachbanner_", "article-header-wrap"), so a big block of text survives them.
   */
  static final String[] CERTAIN = {
    "comment", "disqus", "replies", "remark", "footer", "sidebar", "related", "share",
    "social", "cookie", "gdpr", "consent", "newsletter", "subscribe", "breadcrumb", "popular",
    "most-read", "mostread", "recommend", "outbrain", "taboola"
  };

  static final String[] MAYBE = {
    "and", "article", "body", "column", "content", "main", "shadow", "story", "text", "news",
    "post", "entry", "material", "statya", "novost", "tekst", "publication"
  };

  static final String[] POSITIVE = {
    "article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story",
    "detail", "material", "statya", "novost", "tekst", "publication"
  };

  static final String[] NEGATIVE = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "gdpr", "cookie",
    "masthead", "media", "meta", "outbrain", "taboola", "promo", "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
    "social", "subscribe", "newsletter", "rating", "vote", "poll", "teaser", "anons",
    "informer", "reklama", "breadcrumb", "menu", "nav", "popular", "similar", "recommend",
    "authorbio", "author-bio", "byline", "login", "counter", "signup", "categor", "rubric",
    "readnext", "read-next"
  };

  static boolean any(String lower, String[] words) {
    for (String w : words) {
      if (lower.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** ARIA roles of furniture. */
  static final Set<String> FURNITURE_ROLES = Set.of(
      "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
      "banner", "contentinfo", "search");

  /** Short texts that head or make up furniture: share/follow, comments, "see also", etc. */
  static final Pattern FURNITURE_TEXT = Pattern.compile(
      "^(?:"
          + "читайте(?: и смотрите)? нас в.*|мы в соцсетях.*|подпис(?:ыва)?йтесь на нас.*"
          + "|поделиться.*|поделитесь.*|комментари(?:и|ев)(?:\\s*\\(?\\d*\\)?)?|оставить комментарий"
          + "|добавить комментарий|написать комментарий|читайте также.*|смотрите также.*"
          + "|похожие (?:новости|материалы|статьи).*|другие новости.*|ещё по теме.*|еще по теме.*"
          + "|по теме.*|материалы по теме.*|самое (?:читаемое|популярное).*|популярное.*"
          + "|версия для печати|распечатать|печать|оцените (?:новость|статью|материал).*"
          + "|новости партн[её]ров.*|реклама|(?:просмотров|прочтений|просмотры|views?):? ?\\d*"
          + "|источник:.*|по материалам.*|ваше мнение|загружается.*|loading.*"
          + "|(?:заметили|нашли) (?:ошибку|опечатку).*|.*ctrl ?\\+ ?enter.*|адреса? материал[уа]:.*"
          + "|все новости(?: раздела| рубрики)?|теги:?.*|метки:?.*"
          + "|share(?: this)?(?: article| story| on.*)?|follow us.*|comments?(?:\\s*\\(?\\d*\\)?)?"
          + "|leave a (?:comment|reply)|post a comment|add a comment|related(?: articles| stories| posts| news)?"
          + "|read more.*|recommended(?: for you| stories)?|you may also like.*|more from.*"
          + "|most (?:read|popular|viewed).*|sign up.*|subscribe.*|advertisement|tags:?.*"
          + "|print(?: this)?(?: article)?|email(?: this)?(?: article)?"
          + "|" + ItemFurniture.PHRASES
          + ")$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * Headings that open the tail of an article page — "see also" lists, partner news, latest
   * publications. Everything from such a heading on is not the article.
   */
  static final Pattern TAIL_HEADING = Pattern.compile(
      "^(?:(?:новости|материалы|ссылки|статьи|публикации|больше|ещ[её]|другие материалы)"
          + " по теме|читайте (?:также|другие материалы(?: по теме)?)|смотрите также|см\\. также"
          + "|похожие (?:новости|материалы|статьи|публикации)|последние (?:новости|публикации).*"
          + "|новости дня|другие новости.*|популярное|самое (?:читаемое|популярное).*"
          + "|новости партн[её]ров|related(?: articles| stories| posts| news| content)?"
          + "|see also|more (?:stories|news|from|on).*|you may also like|recommended(?: for you)?"
          + "|most (?:read|popular|viewed)|read (?:more|next)|trending.*"
          + ")[\\s:.▪•]*$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Class and id of an element, lower-cased, for matching the keywords above. */
  static String classAndId(Element e) {
    String cls = e.className();
    String id = e.id();
    String both = cls.isEmpty() ? id : id.isEmpty() ? cls : cls + " " + id;
    return both.toLowerCase(Locale.ROOT);
  }

  /** Readability's class weight: ±25 for each of class and id matching the hints. */
  static int classWeight(Element e) {
    return weight(e.className()) + weight(e.id());
  }

  private static int weight(String name) {
    if (name.isEmpty()) {
      return 0;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    int w = 0;
    if (any(lower, NEGATIVE) || isHid(lower)) {
      w -= 25;
    }
    if (any(lower, POSITIVE)) {
      w += 25;
    }
    return w;
  }

  /** Readability's "hid" class: a whole token, not a substring. */
  private static boolean isHid(String lower) {
    return lower.equals("hid") || lower.startsWith("hid ") || lower.endsWith(" hid")
        || lower.contains(" hid ");
  }

  static boolean isFurnitureText(String text) {
    String t = text.strip();
    return t.length() <= 80 && FURNITURE_TEXT.matcher(t).matches();
  }
}

package org.newswire.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoryMatcherTest {
  private static final Instant NOON = Instant.parse("2024-07-03T12:00:00Z");
  private final StoryMatcher matcher = new StoryMatcher();

  private static final String BRIDGE = String.join("\n",
      "В Оше в среду открыли после ремонта мост через реку Ак-Буура, который был закрыт для"
          + " движения с марта из-за трещин в опорах.",
      "Как сообщили в мэрии города, подрядчик заменил две опоры и полностью обновил дорожное"
          + " полотно. Работы обошлись городскому бюджету в 48 миллионов сомов.",
      "По словам вице-мэра Алмаза Токтогулова, по мосту ежедневно проезжают около 12 тысяч"
          + " автомобилей, и на время ремонта жителям южных кварталов приходилось делать крюк"
          + " через объездную дорогу.",
      "Ограничение для грузовиков массой более 20 тонн сохранится до конца месяца, пока"
          + " специалисты не проведут испытания нагрузкой.",
      "В мэрии добавили, что до конца года в городе планируют отремонтировать еще три моста.");

  private static final String WELLS = String.join("\n",
      "В Нарынской области за лето пробурят 14 скважин для сел, где питьевую воду до сих пор"
          + " привозят в цистернах.",
      "Проект финансирует Азиатский банк развития, общая сумма гранта составляет 6,5 миллиона"
          + " долларов, сообщили в министерстве водных ресурсов.",
      "Первые скважины уже дали воду в селах Ак-Талаа и Баетово, к осени водопровод подведут"
          + " к школам и больницам района.");

  private static StoryText ru(String source, String title, String text) {
    return new StoryText(source, title, text, Optional.of("ru"), NOON);
  }

  private static boolean shareKey(StoryEvidence a, StoryEvidence b) {
    Set<Long> keys = new HashSet<>();
    Arrays.stream(a.candidateKeys()).forEach(keys::add);
    return Arrays.stream(b.candidateKeys()).anyMatch(keys::contains);
  }

  @Test
  void reprintWithAnotherTitleDatelineAndFooterIsTheSameStory() {
    StoryEvidence original = matcher.evidence(
        ru("kabar.example", "В Оше открыли мост через Ак-Буура после ремонта", BRIDGE),
        SourceLines.NONE);
    String reprinted = "ОШ, 3 июл — Вести Юга. " + BRIDGE.replace("ё", "е").replace(" — ", " - ")
        + "\nИсточник: kabar.example\nПри использовании материалов ссылка на «Вести Юга»"
        + " обязательна.\nЧитайте также: В Бишкеке подорожал проезд в маршрутках";
    StoryEvidence reprint = matcher.evidence(
        ru("south.example", "Мост через Ак-Буура открыт в Оше", reprinted), SourceLines.NONE);

    StoryVerdict v = matcher.compare(reprint, original);

    assertThat(v.same()).isTrue();
    assertThat(v.evidence()).isEqualTo("republication");
    assertThat(shareKey(reprint, original)).isTrue();
  }

  @Test
  void englishWireReprintWithAnotherDatelineIsTheSameStory() {
    String body = "The European Space Agency said on Monday that putting astronauts into"
        + " hibernation could cut the mass of a crewed spacecraft to Mars by a third.\n"
        + "Researchers at the agency modelled a ship whose crew would sleep for most of a"
        + " 180-day journey, needing less food, water and living space.\n"
        + "The study found that smaller sleeping pods could replace the living modules, but"
        + " that no drug yet induces safe hibernation in humans.";
    StoryEvidence wire = matcher.evidence(new StoryText("wire.example", "ESA: hibernating crews"
        + " would need smaller ships", "PARIS (AP) — " + body, Optional.of("en"), NOON),
        SourceLines.NONE);
    StoryEvidence reprint = matcher.evidence(new StoryText("daily.example", "Sleeping"
        + " astronauts could make Mars trips lighter", "PARIS, Nov. 18 (Daily Wire) - " + body
        + "\nCopyright 2024 The Associated Press. All rights reserved.", Optional.of("en"),
        NOON.plusSeconds(3_600)), SourceLines.NONE);

    assertThat(matcher.compare(reprint, wire).same()).isTrue();
  }

  @Test
  void twoStoriesInOneOutletsLearnedBoilerplateStayApart() {
    String header = "Главные новости\nЛента дня";
    String footer = String.join("\n",
        "Подписывайтесь на наш канал, чтобы первыми узнавать главные новости региона",
        "Редакция газеты «Южный вестник» ждет ваших писем и фотографий по адресу редакции",
        "Мнение авторов может не совпадать с позицией редакции, перепечатка без согласия"
            + " редакции не допускается и преследуется по закону",
        "Все материалы сайта доступны по лицензии для некоммерческого использования");
    // Per-source line statistics accumulated as the store does.
    StoryQualityHarness.Lines outlet = new StoryQualityHarness.Lines();
    String[] earlier = {
        "В Караколе прошел фестиваль народной музыки, на который приехали 30 коллективов.",
        "На трассе Бишкек — Ош в районе перевала Тоо-Ашуу ограничат движение на выходных.",
        "В Таласе открылся новый детский сад на 120 мест, строительство шло два года.",
    };
    for (String story : earlier) {
      outlet.add(matcher.evidence(ru("south.example", "Новость", header + "\n" + story + "\n"
          + footer), outlet).lineHashes(), 1);
    }
    StoryText bridge = ru("south.example", "Мост в Оше открыт",
        header + "\n" + BRIDGE.lines().findFirst().orElseThrow() + "\n" + footer);
    StoryText wells = ru("south.example", "Сёлам Нарына дадут воду",
        header + "\n" + WELLS.lines().findFirst().orElseThrow() + "\n" + footer);

    StoryEvidence a = matcher.evidence(bridge, outlet);
    outlet.add(a.lineHashes(), 1);
    StoryEvidence b = matcher.evidence(wells, outlet);
    // The statistics are read for the lines the cheap pass names: the same, learned or not.
    assertThat(matcher.lineHashes(wells)).containsExactly(b.lineHashes())
        .containsExactly(matcher.evidence(wells, SourceLines.NONE).lineHashes())
        .hasSizeGreaterThan(4);

    assertThat(matcher.compare(b, a).same()).isFalse();
    // The wrapping alone would merge them: the outlet's learned lines are what keeps them apart.
    assertThat(matcher.compare(matcher.evidence(wells, SourceLines.NONE),
        matcher.evidence(bridge, SourceLines.NONE)).same()).isTrue();
  }

  @Test
  void anExcerptJoinsItsFullText() {
    StoryEvidence full = matcher.evidence(
        ru("kabar.example", "В Оше открыли мост через Ак-Буура после ремонта", BRIDGE),
        SourceLines.NONE);
    StoryEvidence excerpt = matcher.evidence(ru("aggregator.example",
        "Мост через Ак-Буура снова открыт", BRIDGE.lines().findFirst().orElseThrow()
            + " Читать далее"), SourceLines.NONE);

    StoryVerdict v = matcher.compare(excerpt, full);

    assertThat(v.same()).isTrue();
    assertThat(shareKey(excerpt, full)).isTrue();
  }

  @Test
  void aRussianHeadlineParaphraseWithOtherInflectionsIsTheSameStory() {
    StoryEvidence a = matcher.evidence(
        ru("", "В Петербурге задержали 300 нелегальных мигрантов на овощной базе", ""),
        SourceLines.NONE);
    StoryEvidence b = matcher.evidence(
        ru("", "На овощной базе Петербурга задержаны 300 нелегальных мигрантов", ""),
        SourceLines.NONE);

    StoryVerdict v = matcher.compare(b, a);

    assertThat(v.same()).isTrue();
    assertThat(v.evidence()).isEqualTo("paraphrase");
    assertThat(shareKey(a, b)).isTrue();
  }

  @Test
  void headlinesThatDisagreeOnTheNumberAreDifferentStories() {
    StoryEvidence a = matcher.evidence(
        ru("", "Число погибших при землетрясении в Непале превысило 60 человек", ""),
        SourceLines.NONE);
    StoryEvidence b = matcher.evidence(
        ru("", "Число погибших при землетрясении в Непале превысило 3000 человек", ""),
        SourceLines.NONE);

    assertThat(matcher.compare(b, a).same()).isFalse();
  }

  private StoryVerdict headlines(String a, String b) {
    return matcher.compare(matcher.evidence(ru("", b, ""), SourceLines.NONE),
        matcher.evidence(ru("", a, ""), SourceLines.NONE));
  }

  @Test
  void headlinesAgreeingThroughDerivedFormsAreTheSameStory() {
    // «самарские»/«Самаре» and «пересадку»/«пересадили» have different Snowball stems; the
    // words' first letters and character trigrams still match them.
    StoryVerdict v = headlines(
        "Самарские кардиохирурги впервые провели пересадку сердца ребенку",
        "В Самаре кардиохирурги впервые пересадили сердце ребенку");

    assertThat(v.same()).isTrue();
    assertThat(v.evidence()).isEqualTo("paraphrase");
  }

  @Test
  void aNumberSpelledOutAgreesWithItsDigitsAndDisagreesWithAnother() {
    assertThat(headlines("В Туле при пожаре в общежитии погибли семь человек",
        "При пожаре в общежитии в Туле погибли 7 человек").same()).isTrue();
    assertThat(headlines("В Туле при пожаре в общежитии погибли семь человек",
        "При пожаре в общежитии в Туле погибли 17 человек").same()).isFalse();
    assertThat(headlines("Сборная России в третий раз выиграла турнир в Казани",
        "Сборная России в пятый раз выиграла турнир в Казани").same()).isFalse();
  }

  @Test
  void aDenialIsNotTheStoryItDenies() {
    StoryVerdict v = headlines(
        "Мэрия Самары будет повышать тарифы на проезд в трамваях с января",
        "Мэрия Самары не будет повышать тарифы на проезд в трамваях с января");

    assertThat(v.same()).isFalse();
  }

  @Test
  void anAcronymOpeningTheHeadlineIsAName() {
    // Russian headlines capitalise their first word anyway; an acronym there still names a
    // company, and two companies doing the same thing are two stories.
    StoryVerdict v = headlines(
        "ЛУКОЙЛ снизил добычу нефти в Западной Сибири на треть",
        "«Сургутнефтегаз» снизил добычу нефти в Западной Сибири на треть");

    assertThat(v.same()).isFalse();
  }

  @Test
  void differentStoriesOnOneTopicAreDifferent() {
    StoryEvidence kursk = matcher.evidence(ru("a.example",
        "В Курске эпидпорог по гриппу и ОРВИ не превышен",
        "Заболеваемость гриппом и ОРВИ в Курске на прошлой неделе осталась ниже эпидемического"
            + " порога, сообщили в областном управлении Роспотребнадзора.\nЗа неделю к врачам"
            + " обратились 2,1 тысячи человек, большинство из них дети."),
        SourceLines.NONE);
    StoryEvidence omsk = matcher.evidence(ru("b.example",
        "В Омске эпидпорог по гриппу и ОРВИ превышен на 20 процентов",
        "Заболеваемость гриппом и ОРВИ в Омске на прошлой неделе превысила эпидемический порог,"
            + " в городе закрыли на карантин 14 школ.\nВ областном минздраве призвали жителей"
            + " сделать прививки и не ходить на работу с симптомами простуды."),
        SourceLines.NONE);

    assertThat(matcher.compare(omsk, kursk).same()).isFalse();
  }

  @Test
  void twoWriteUpsQuotingOneReleaseAreTheSameStory() {
    String release = "\nThe agency said in a statement that the new pumping station would supply"
        + " drinking water to forty thousand households on the eastern bank, replacing wells that"
        + " had failed every summer since the drought began.\n";
    StoryEvidence first = matcher.evidence(new StoryText("river.example", "Pumping station to"
        + " end summer water cuts", "Households along the river have queued at tanker trucks"
        + " for years; officials now promise that era is over." + release
        + "\nCritics on the council asked why the contract went to a single bidder, and"
        + " opposition members said they would demand an audit of the tender next month."
        + "\nFarmers upstream fear that the plant will lower the river in dry years, a concern"
        + " the ministry dismissed as unfounded at a hearing last spring.",
        Optional.of("en"), NOON), SourceLines.NONE);
    String secondBody = "A long-delayed facility began operating on Tuesday after months of"
        + " testing by engineers." + release
        + "\nConstruction costs were not disclosed by the builder, a regional firm that also"
        + " laid the new ring road.\nLocal shop owners welcomed the news but said repeated"
        + " outages had already cost them customers, and some have installed their own tanks.";
    StoryEvidence second = matcher.evidence(new StoryText("valley.example", "New pumping"
        + " station opens on the eastern bank", secondBody, Optional.of("en"),
        NOON.plusSeconds(5 * 3_600)), SourceLines.NONE);
    StoryEvidence otherTitle = matcher.evidence(new StoryText("valley.example", "Council"
        + " approves budget for schools", secondBody, Optional.of("en"),
        NOON.plusSeconds(5 * 3_600)), SourceLines.NONE);

    StoryVerdict v = matcher.compare(second, first);

    assertThat(v.same()).isTrue();
    assertThat(v.evidence()).isEqualTo("passage");
    // The shared passage alone is not enough: the titles must agree too.
    assertThat(matcher.compare(otherTitle, first).same()).isFalse();
  }

  @Test
  void writeUpsWithUnrelatedTitlesJoinOnLeadsNamingTheSamePeopleAndPlaces() {
    StoryEvidence first = matcher.evidence(ru("a.example", "Яйца омолаживают мозг",
        "Замедлить старение мозга и улучшить память помогает диета с холином, выяснили ученые"
            + " Бостонского университета и клиники Фрамингема под руководством Коралии Вот."
            + "\nВ исследовании участвовали почти полторы тысячи добровольцев."), SourceLines.NONE);
    StoryEvidence second = matcher.evidence(new StoryText("b.example",
        "Разработана диета, улучшающая память", "Диета с холином замедляет старение мозга и"
            + " улучшает память: к такому выводу пришли ученые Бостонского университета и клиники"
            + " Фрамингема, работу возглавила Коралия Вот.\nДобровольцы проходили тесты на"
            + " память и делали томографию.", Optional.of("ru"), NOON.plusSeconds(9 * 3_600)),
        SourceLines.NONE);
    StoryEvidence otherPlace = matcher.evidence(new StoryText("b.example",
        "В Омске разработана диета, улучшающая память", "Диета с холином замедляет старение"
            + " мозга и улучшает память: к такому выводу пришли ученые Бостонского университета"
            + " и клиники Фрамингема, работу возглавила Коралия Вот.\nДобровольцы проходили"
            + " тесты на память и делали томографию.", Optional.of("ru"),
        NOON.plusSeconds(9 * 3_600)), SourceLines.NONE);

    assertThat(matcher.compare(second, first).same()).isTrue();
    assertThat(matcher.compare(second, first).evidence()).isEqualTo("paraphrase");
    assertThat(Comparison.measure(second, first).titleShared()).isZero();
    // A place named in one title only is another event, however alike the leads.
    assertThat(matcher.compare(otherPlace, matcher.evidence(ru("a.example",
        "В Курске яйца омолаживают мозг", "Замедлить старение мозга и улучшить память помогает"
            + " диета с холином, выяснили ученые Бостонского университета и клиники Фрамингема"
            + " под руководством Коралии Вот.\nВ исследовании участвовали почти полторы тысячи"
            + " добровольцев."), SourceLines.NONE)).same()).isFalse();
  }

  @Test
  void writeUpsWhoseTitlesAgreeJoinOnAQuarterOfTheirLeadWords() {
    StoryEvidence first = matcher.evidence(ru("a.example", "Сплетни полезны для здоровья",
        "Сплетни снижают уровень стресса и тревожности, утверждают психологи, опросившие"
            + " студентов. Участники, обсуждавшие знакомых, реже жаловались на бессонницу, а"
            + " уровень гормонов у них оставался спокойным.\nАвторы советуют не злоупотреблять"
            + " пересудами и помнить о чувствах других."), SourceLines.NONE);
    String title = "Психологи: сплетни полезны для нервов";
    String body = "Перемывание косточек друзьям доставляет удовольствие и снижает стресс,"
        + " выяснили психологи, опросившие студентов. По их данным, болтливые участники"
        + " спокойнее переносили экзамены, хотя и тратили на разговоры много времени.\nПрежние"
        + " работы связывали сплетни с конфликтами в коллективе.";
    StoryEvidence second = matcher.evidence(new StoryText("b.example", title, body,
        Optional.of("ru"), NOON.plusSeconds(6 * 3_600)), SourceLines.NONE);

    Comparison c = Comparison.measure(second, first);
    assertThat(c.titleShared()).isEqualTo(2);
    assertThat((double) c.leadTermsShared() / c.leadTermsMin()).as(c.toString()).isLessThan(0.45);
    assertThat(matcher.compare(second, first).same()).as(c.toString()).isTrue();
    // Two days apart it is a later story on the same topic, not the same event.
    StoryEvidence later = matcher.evidence(new StoryText("b.example", title, body,
        Optional.of("ru"), NOON.plusSeconds(60 * 3_600)), SourceLines.NONE);
    assertThat(matcher.compare(later, first).same()).isFalse();
  }

  @Test
  void evidenceSurvivesEncodeAndDecode() {
    StoryEvidence e = matcher.evidence(
        ru("kabar.example", "В Оше открыли мост через Ак-Буура после ремонта", BRIDGE),
        SourceLines.NONE);

    byte[] bytes = e.encode();
    StoryEvidence back = StoryEvidence.decode(bytes);

    assertThat(back).isEqualTo(e);
    assertThat(back.candidateKeys()).containsExactly(e.candidateKeys());
    // Line hashes are counted from the fresh evidence and not stored; evidence stored with
    // them (before) still decodes, with them.
    assertThat(e.lineHashes()).isNotEmpty();
    assertThat(back.lineHashes()).isEmpty();
    java.nio.ByteBuffer withLines = java.nio.ByteBuffer.allocate(bytes.length + 16)
        .put(bytes, 0, bytes.length - 2).putShort((short) 2).putLong(7).putLong(-9);
    assertThat(StoryEvidence.decode(withLines.array()).lineHashes()).containsExactly(7, -9);
    assertThat(matcher.compare(back, e).same()).isTrue();
    assertThat(bytes.length).isLessThan(1024);
    assertThat(StoryEvidence.isCurrent(bytes)).isTrue();
    byte[] old = bytes.clone();
    old[0] = 1;
    assertThat(StoryEvidence.isCurrent(old)).isFalse();
    assertThatThrownBy(() -> StoryEvidence.decode(old))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoryEvidence.decode(Arrays.copyOf(bytes, 20)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void languagesNeverMerge() {
    String title = "Sanofi and Regeneron report results of the asthma trial";
    String text = "Sanofi and Regeneron said on Tuesday that their antibody cut severe asthma"
        + " attacks by half in a trial of 1,900 patients.";
    StoryEvidence en = matcher.evidence(
        new StoryText("a.example", title, text, Optional.of("en"), NOON), SourceLines.NONE);
    StoryEvidence fr = matcher.evidence(
        new StoryText("b.example", title, text, Optional.of("fr-FR"), NOON), SourceLines.NONE);
    StoryEvidence detected = matcher.evidence(
        new StoryText("c.example", title, text, Optional.empty(), NOON), SourceLines.NONE);

    assertThat(matcher.compare(fr, en).same()).isFalse();
    assertThat(shareKey(fr, en)).isFalse();
    assertThat(matcher.compare(detected, en).same()).isTrue();
  }

  @Test
  void datelinesOfManyShapesAreRemovedButSentencesAreKept() {
    assertThat(BodyCleaner.stripDateline("МОСКВА, 12 мар — РИА Новости. Первый вице-премьер"))
        .isEqualTo("Первый вице-премьер");
    assertThat(BodyCleaner.stripDateline("Бишкек, 3 июля /Кабар/. Жители сел"))
        .isEqualTo("Жители сел");
    assertThat(BodyCleaner.stripDateline("ТОМСК, 6 января. Сибинформ. Вагоны со щебнем"))
        .isEqualTo("Вагоны со щебнем");
    assertThat(BodyCleaner.stripDateline("LONDON, March 12 (Reuters) - Britain's economy"))
        .isEqualTo("Britain's economy");
    assertThat(BodyCleaner.stripDateline("WASHINGTON (AP) — The House voted"))
        .isEqualTo("The House voted");
    assertThat(BodyCleaner.stripDateline("12 марта в Москве прошел концерт. Он шел час."))
        .isEqualTo("12 марта в Москве прошел концерт. Он шел час.");
    assertThat(BodyCleaner.stripDateline("US officials said on Monday"))
        .isEqualTo("US officials said on Monday");
  }
}

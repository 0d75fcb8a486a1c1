"""The site's starting content, written from the foundation's own texts (the project's source
material): the MIR model, the centres and programmes, consulting, three project sheets and the
dated facts about them. Nothing here goes beyond those texts: no addresses, phones, emails,
links, outlets or figures that they do not give.

Bulgarian is the organisation's language and comes first; English is its translation."""

import datetime
from decimal import Decimal

from core.formatting import format_eur
from home.seed.bilingual import (
    FormFieldSpec,
    ImageRef,
    PageRef,
    PageSpec,
    Same,
    T,
    bullet_list,
    call_to_action,
    heading,
    image,
    key_figure,
    offer,
    paragraph,
    quote,
    simple_blocks,
    stream,
)

# --- Names used in several places ---

HESED = T("Фондация „Здраве и социално развитие“ (ХЕСЕД)", "Health and Social Development Foundation (HESED)")
IGA = T("Фондация „Фонд за превенция на престъпността – ИГА“", "Crime Prevention Fund IGA")
PERNIK_MUNICIPALITY = T("Община Перник", "Pernik Municipality")

CHILDREN_PROJECT_TITLE = T(
    "Специализирани услуги за деца от ромските общности в конфликт или контакт със закона",
    "Specialized services for children from Roma communities in conflict or contact with the law",
)
PERNIK_PROJECT_TITLE = T(
    "Интегрирани мерки за подобряване на приобщаването на хората, живеещи в маргинализирани общности",
    "Integrated measures to improve the inclusion of people living in marginalized communities",
)

PERNIK_GRANT = Decimal("704172.00")
CHILDREN_GRANT = Decimal("129068.80")

# --- Shared vocabulary (projects.Place and projects.FundingProgramme) ---

PLACES = [
    # slug, name_bg, name_en, kind
    ("sofia", "София", "Sofia", "municipality"),
    ("pazardzhik", "Пазарджик", "Pazardzhik", "municipality"),
    ("plovdiv", "Пловдив", "Plovdiv", "municipality"),
    ("lom", "Лом", "Lom", "municipality"),
    ("pernik", "Перник", "Pernik", "municipality"),
]

FUNDING_PROGRAMMES = [
    ("justice", "Правосъдие", "Justice"),
    (
        "local-development",
        "Местно развитие, намаляване на бедността и подобрено включване на уязвими групи",
        "Local development, poverty reduction and enhanced inclusion of vulnerable groups",
    ),
]

# --- Lists that appear on more than one page ---

MIR_TARGET_GROUPS = [
    T("бременни жени и родители на деца от 0 до 3 години", "pregnant women and parents of children aged 0–3"),
    T(
        "деца от 4 до 6 години, които не посещават детска градина",
        "children aged 4–6 who do not attend kindergarten",
    ),
    T("юноши (12–15 години)", "adolescents (aged 12–15)"),
    T("цялата общност в кварталите", "the whole community in the neighbourhoods"),
]

MIR_RESULTS = [
    T(
        "по-добро качество на живот на децата чрез по-добри родителски грижи",
        "a better quality of life for children through better parental care",
    ),
    T(
        "предотвратяване на ранното отпадане от училище чрез подкрепа на ранното детско развитие – "
        "по-добри познавателни и социални умения на децата и по-добра училищна готовност",
        "prevention of early school drop-out through support for early childhood development – better "
        "cognitive and social skills of the children and better school readiness",
    ),
    T(
        "по-добра социална интеграция на младите роми и успешни перспективи за работа, включително "
        "отлагане на ранните бракове",
        "better social integration of young Roma and successful job prospects, including delaying early marriages",
    ),
]

MIR_FUNDERS = [
    T("Столична община – делегиран бюджет", "Sofia Municipality – delegated budget"),
    T("Фондациите VELUX", "VELUX Foundations"),
    T("Финансов механизъм на Европейското икономическо пространство", "EEA Grants"),
    T("Норвежки финансов механизъм", "Norway Grants"),
    Same("OAK"),
    T("Българо-швейцарска програма за сътрудничество", "Bulgarian-Swiss Cooperation Programme"),
    T(
        "Европейски социален фонд и Оперативна програма „Развитие на човешките ресурси“ към "
        "Министерството на труда и социалната политика",
        "European Social Fund and the Human Resources Development Operational Programme of the Ministry "
        "of Labour and Social Policy",
    ),
    T("Френски институт в България", "French Institute (Bulgaria)"),
    Same("Lale"),
]

WHAT_WE_ACHIEVE = [
    T("Постигаме видими образователни резултати", "We achieve visible educational results"),
    T(
        "Създаваме устойчива промяна в поведението на младите роми",
        "We create sustainable change in the behaviour of young Roma",
    ),
    T("Услугите ни в общността са все по-търсени", "Our services in the community are increasingly popular"),
    T(
        "Образованието в ранна детска възраст е най-разумната инвестиция",
        "Early childhood education is the most reasonable investment",
    ),
    T(
        "Хората от общността са част от процеса и от решаването на проблемите",
        "People from the community are part of the process and of solving its problems",
    ),
    T(
        "Добра практика, прилагана в най-големите ромски общности в страната",
        "Best practice implemented in the largest Roma communities in the country",
    ),
]

LICENCE_SENTENCE = T(
    "Фондацията е доставчик на социални услуги, лицензиран от Агенцията за социално подпомагане и "
    "Държавната агенция за закрила на детето.",
    "The foundation is a provider of social services licensed by the Agency for Social Assistance and the "
    "National Child Protection Agency.",
)

MISSION = T(
    "Нашата мисия е да насърчаваме възможностите за личностно и общностно развитие, здраве и социално "
    "благополучие в социално изключените общности.",
    "Our mission is to promote opportunities for personal and community development, health and social "
    "well-being in socially excluded communities.",
)

KEY_PERIODS_QUOTE = T(
    "Има два периода в живота, които са ключови за формирането на личността – ранното детство "
    "(0–5 години) и юношеството (12–17 години), когато детето се социализира като възрастен.",
    "There are two periods in life which are key to the formation of personality – early childhood "
    "(ages 0–5) and adolescence (ages 12–17), when the child is socialised as an adult.",
)

# --- Images: drawn at seed time (home/seed/images.py); the alt texts are per use ---

LIFE_PERIODS_ALT = T(
    "Линия на възрастта от 0 до 18 години с два отбелязани периода: от 0 до 5 и от 12 до 17 години.",
    "An age line from 0 to 18 years with two periods marked: ages 0 to 5 and ages 12 to 17.",
)
TOWNS_ALT = T(
    "Опростена карта на България с отбелязани градове: Лом на север, София и Перник на запад, "
    "Пазарджик и Пловдив в южната част.",
    "A simplified map of Bulgaria with towns marked: Lom in the north, Sofia and Pernik in the west, "
    "Pazardzhik and Plovdiv in the south.",
)
PROGRAMMES_ALT = T(
    "Четири кръга за четирите целеви групи: 0–3 години, 4–6 години, 12–15 години и цялата общност.",
    "Four circles for the four target groups: ages 0–3, ages 4–6, ages 12–15 and the whole community.",
)
EARLY_YEARS_ALT = T(
    "Голям и малък кръг един до друг – родител и бебе – и числата 0–3.",
    "A large and a small circle side by side – a parent and a baby – and the numbers 0–3.",
)
PRESCHOOL_ALT = T(
    "Детски фигури между цветни кубчета и числата 4–6.",
    "Child figures among coloured building blocks and the numbers 4–6.",
)
ADOLESCENTS_ALT = T(
    "Три високи фигури на юноши една до друга и числата 12–15.",
    "Three tall figures of teenagers side by side and the numbers 12–15.",
)
COMMUNITY_ALT = T(
    "Много фигури, подредени в кръг около общ център.",
    "Many figures arranged in a circle around a shared centre.",
)
CENTRE_ALT = T(
    "Квартал от малки къщи с по-голяма сграда в средата, към която водят пътеки от всички домове.",
    "A neighbourhood of small houses with a larger building in the middle, reached by paths from every home.",
)

# --- Forms ---

CONSENT_ENQUIRY = T(
    "Съгласявам се данните ми да бъдат използвани единствено за отговор на това запитване.",
    "I agree that my data is used only to answer this enquiry.",
)
CONSENT_MESSAGE = T(
    "Съгласявам се данните ми да бъдат използвани единствено за отговор на това съобщение.",
    "I agree that my data is used only to answer this message.",
)


def _date_bg(date):
    months = [
        "януари",
        "февруари",
        "март",
        "април",
        "май",
        "юни",
        "юли",
        "август",
        "септември",
        "октомври",
        "ноември",
        "декември",
    ]
    return f"{date.day} {months[date.month - 1]} {date.year} г."


def _date_en(date):
    # Spelled out rather than strftime("%B"), which follows the process's C locale.
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    return f"{date.day} {months[date.month - 1]} {date.year}"


PERNIK_START = datetime.date(2022, 4, 11)
PERNIK_END = datetime.date(2024, 4, 11)
CHILDREN_START = datetime.date(2022, 10, 12)
CHILDREN_END = datetime.date(2024, 4, 30)


def _press_page(key, date, title, summary, body_html, project_key):
    return PageSpec(
        key=key,
        model="home.PressPage",
        parent="press",
        fields={
            "title": title,
            "slug": T(*key_slugs[key]),
            "seo_title": title,
            "search_description": summary,
            "kind": "news",
            "date": date,
            "summary": summary,
            "body": stream(
                paragraph(body_html),
                call_to_action(
                    T("Информационен лист на проекта", "Project sheet"),
                    T(
                        "Период, места, водеща организация, партньори, финансиране и очаквани резултати.",
                        "Period, places, lead organisation, partners, funding and expected results.",
                    ),
                    PageRef(project_key),
                    T("Към проекта", "Go to the project"),
                ),
            ),
        },
    )


key_slugs = {
    "press-pernik-start": ("nachalo-na-proekta-v-pernik", "pernik-project-begins"),
    "press-children-start": ("nachalo-na-proekta-za-detsa-v-kontakt-sas-zakona", "children-project-begins"),
    "press-pernik-end": ("kray-na-proekta-v-pernik", "pernik-project-period-ends"),
    "press-children-end": ("kray-na-proekta-za-detsa-v-kontakt-sas-zakona", "children-project-period-ends"),
}


def page_specs():
    """Every seed page, parents before children, siblings in menu order."""
    pernik_grant = T(format_eur(PERNIK_GRANT, "bg"), format_eur(PERNIK_GRANT, "en"))

    return [
        PageSpec(
            key="home",
            model="home.HomePage",
            parent=None,
            fields={
                "title": T("Начало", "Home"),
                "slug": T("nachalo", "home"),
                "seo_title": T(
                    "Фондация „Здраве и социално развитие“ (ХЕСЕД) – Модел за интегрирано развитие",
                    "Health and Social Development Foundation (HESED) – Model for Integrated Development",
                ),
                "search_description": T(
                    "ХЕСЕД предлага модел за интегрирано развитие (МИР) на ромските общности: услуги за малките "
                    "деца и родителите им и за юношите, предоставяни в центрове в самата общност.",
                    "HESED offers a Model for Integrated Development (MIR) for Roma communities: services for "
                    "young children, their parents and adolescents, provided in centres within the community.",
                ),
                "listing_image": ImageRef("life-periods"),
                "listing_image_alt": LIFE_PERIODS_ALT,
                "mission": MISSION,
                "introduction": T(
                    "Днес повече от всякога България се нуждае от нов модел, който може да промени посоката на "
                    "развитие на общности като ромската. ХЕСЕД предлага такъв модел: интегрирани услуги в самата "
                    "общност за двата ключови периода от живота – ранното детство и юношеството.",
                    "Today more than ever Bulgaria needs a new model which can change the course of development "
                    "of communities like the Roma’s. HESED offers such a model: integrated services within the "
                    "community for the two key periods of life – early childhood and adolescence.",
                ),
                "key_figures": stream(
                    key_figure(
                        Same("15"),
                        T(
                            "години услуги в сегрегираните ромски общности в София",
                            "years of services in the segregated Roma communities of Sofia",
                        ),
                        HESED,
                        PageRef("project-mir"),
                    ),
                    key_figure(
                        Same("25%"),
                        T(
                            "от всички нови участници на пазара на труда в България днес са етнически роми",
                            "of all new labour market entrants in Bulgaria today are ethnically Roma",
                        ),
                        T("Според ХЕСЕД", "As stated by HESED"),
                        PageRef("model"),
                    ),
                    key_figure(
                        Same("120"),
                        T(
                            "деца от целевата група получиха различни услуги от трите центъра",
                            "children from the target group received various services from the three centres",
                        ),
                        T(
                            "Проект „Специализирани услуги за деца от ромските общности в конфликт или контакт "
                            "със закона“, водеща организация: Фондация „Фонд за превенция на престъпността – ИГА“",
                            "Project “Specialized services for children from Roma communities in conflict or "
                            "contact with the law”, lead organisation: Crime Prevention Fund IGA",
                        ),
                        PageRef("project-children"),
                    ),
                    key_figure(
                        pernik_grant,
                        T("безвъзмездна помощ за проекта в Перник", "grant for the Pernik project"),
                        T(
                            "Проект „Интегрирани мерки за подобряване на приобщаването на хората, живеещи в "
                            "маргинализирани общности“, водеща организация: Община Перник",
                            "Project “Integrated measures to improve the inclusion of people living in "
                            "marginalized communities”, lead organisation: Pernik Municipality",
                        ),
                        PageRef("project-pernik"),
                    ),
                ),
                "model_heading": T(
                    "Моделът за интегрирано развитие (МИР)", "The Model for Integrated Development (MIR)"
                ),
                "model_summary": T(
                    "МИР е насочен към най-важните периоди в развитието на личността и решава едновременно двата "
                    "основни проблема – образованието и работата. Програмата за деца и родители осигурява успешна "
                    "интеграция в училище, а развитието на социални умения при юношите подобрява участието им на "
                    "пазара на труда.",
                    "MIR targets the most important periods of personal development and tackles both main "
                    "problems at once – education and work. The programme for children and parents ensures "
                    "successful integration in school, while developing teenagers’ social skills improves their "
                    "participation in the labour market.",
                ),
                "model_page": PageRef("model"),
                "programmes_heading": T("Четири програми в нашите центрове", "Four programmes in our centres"),
                "programmes_page": PageRef("programmes"),
                "donate_heading": T("Подкрепете работата ни", "Support our work"),
                "donate_text": T(
                    "С еднократно или месечно дарение подкрепяте услугите ни за деца и семейства в общността.",
                    "With a one-off or monthly gift you support our services for children and families in the "
                    "community.",
                ),
                "donate_button_label": T("Дарете", "Donate"),
                "donate_page": PageRef("donate"),
            },
        ),
        PageSpec(
            key="model",
            model="home.ContentPage",
            parent="home",
            show_in_menus=True,
            fields={
                "title": T("Моделът МИР", "The MIR model"),
                "slug": T("modelat-mir", "mir-model"),
                "seo_title": T("Моделът за интегрирано развитие (МИР)", "The Model for Integrated Development (MIR)"),
                "search_description": T(
                    "МИР е насочен към ранното детство и юношеството и решава едновременно двата основни проблема "
                    "на ромските общности – образованието и работата.",
                    "MIR targets early childhood and adolescence and tackles both main problems of Roma "
                    "communities at once – education and work.",
                ),
                "listing_image": ImageRef("life-periods"),
                "listing_image_alt": LIFE_PERIODS_ALT,
                "introduction": T(
                    "Моделът за интегрирано развитие (МИР) е насочен към най-важните периоди в развитието на "
                    "личността и решава едновременно двата основни проблема – образованието и работата.",
                    "The Model for Integrated Development (MIR) targets the most important periods of personal "
                    "development and tackles both main problems at once – education and work.",
                ),
                "body": stream(
                    quote(
                        T(
                            "В България вече не говорим за демографска криза. Говорим за демографска катастрофа.",
                            "In Bulgaria we no longer talk about a demographic crisis. We talk about a demographic "
                            "catastrophe.",
                        )
                    ),
                    paragraph(
                        T(
                            "<p>Изправени сме пред рязък спад на населението в трудоспособна възраст – по-сериозен, "
                            "отколкото в която и да е друга държава в света (Световна банка, 2013). Според оценка "
                            "на ООН след 30 години работната ни сила ще е намаляла с около 40%.</p>"
                            "<p>Същевременно 25% от всички нови участници на пазара на труда в България днес са "
                            "етнически роми и се очаква този дял да расте през следващите години. Те са нашите "
                            "бъдещи лекари и медицински сестри, инженери, учители, строители, микробиолози. Те са "
                            "бъдещите служители и мениджъри във вашата компания. Професионалните и социалните им "
                            "умения ще имат решаващо влияние върху резултатите на българската икономика и бизнес "
                            "през следващите години.</p>"
                            "<p>Днес повече от всякога България се нуждае от нов модел, който може да промени "
                            "посоката на развитие на общности като ромската и да създаде необходимите условия за "
                            "развитие на нашата икономика и общество. ХЕСЕД предлага такъв модел за развитие.</p>",
                            "<p>We are facing a steep decline of the working-age population – more serious than in "
                            "any other country in the world (World Bank, 2013). According to a UN estimate, in 30 "
                            "years our workforce will have decreased by about 40%.</p>"
                            "<p>At the same time 25% of all new labour market entrants in Bulgaria today are "
                            "ethnically Roma, and this percentage is projected to rise in the coming years. They "
                            "are our future physicians and nurses, engineers, teachers, builders, microbiologists. "
                            "They are the future employees and managers at your company. Their professional and "
                            "social skills will have a critical influence on the results of the Bulgarian economy "
                            "and business in the coming years.</p>"
                            "<p>Today more than ever Bulgaria needs the implementation of a new model which can "
                            "change the course of development of communities like the Roma’s, as well as create "
                            "the necessary conditions for development in our economy and society. HESED offers "
                            "such a development model.</p>",
                        )
                    ),
                    quote(KEY_PERIODS_QUOTE),
                    image(
                        ImageRef("life-periods"),
                        LIFE_PERIODS_ALT,
                        T(
                            "Двата ключови периода във формирането на личността, към които е насочен МИР.",
                            "The two key periods in the formation of personality that MIR targets.",
                        ),
                    ),
                    heading(T("Как работи моделът", "How the model works")),
                    paragraph(
                        T(
                            "<p>МИР е насочен към най-важните периоди в развитието на личността и прави решими "
                            "едновременно двата основни проблема – образованието и работата. "
                            '<a linktype="page" id="{programmes}">Програмата за деца и родители</a> осигурява '
                            "успешна интеграция в училище, а развитието на социални умения при тийнейджърите "
                            "подобрява участието им на пазара на труда.</p>"
                            "<p>МИР е първият модел, създаден в резултат на дългогодишна професионална работа в "
                            "общността. Той предлага набор от интегрирани услуги, които могат да решат проблема с "
                            "интеграцията на ромите в рамките на 15 години. За разлика от традиционната социална "
                            "политика, която се съсредоточава върху хора със сериозни проблеми, нашите услуги "
                            "работят превантивно, т.е. много преди проблемите да станат трудно обратими.</p>"
                            "<p>МИР допълва настоящите държавни мерки за интеграция на ромската общност "
                            "(задължително образование, целодневно обучение в училище, квалификационни курсове и "
                            "др.) и ги прави наистина ефективни.</p>",
                            "<p>MIR targets the most important periods of personal development and makes both main "
                            "problems – education and work – solvable at the same time. "
                            '<a linktype="page" id="{programmes}">The programme for children and parents</a> '
                            "ensures successful integration in school, while the development of social skills "
                            "among teenagers improves their participation in the labour market.</p>"
                            "<p>MIR is the first model which has been created as a result of many years of "
                            "professional work in the community. It offers a set of integrated services which can "
                            "solve the problem of Roma integration within 15 years. Unlike traditional social "
                            "policy that focuses on people with serious problems, our services work preventively, "
                            "i.e. long before the problems become hard to reverse.</p>"
                            "<p>MIR complements the current state measures for the integration of the Roma "
                            "community (compulsory education, full-day school, qualification courses, etc.) and "
                            "makes them truly effective.</p>",
                        ),
                        programmes=PageRef("programmes"),
                    ),
                    heading(T("За кого е моделът", "Who the model is for")),
                    bullet_list(MIR_TARGET_GROUPS, T("Основните целеви групи на МИР", "The main target groups of MIR")),
                    heading(T("Резултати", "Results")),
                    bullet_list(MIR_RESULTS, T("Основните резултати от услугите", "The main results of the services")),
                    call_to_action(
                        T("Консултиране за общини и организации", "Consulting for municipalities and organisations"),
                        T(
                            "ХЕСЕД предлага местни стратегии с комбинация от услуги и програми, които отговарят на "
                            "местните нужди от развитие.",
                            "HESED offers local strategies with a combination of services and programmes that meet "
                            "local development needs.",
                        ),
                        PageRef("consulting"),
                        T("Към консултирането", "About consulting"),
                    ),
                ),
            },
        ),
        PageSpec(
            key="programmes",
            model="home.ContentPage",
            parent="home",
            show_in_menus=True,
            fields={
                "title": T("Програми", "Programmes"),
                "slug": T("programi", "programmes"),
                "seo_title": T("Програмите на модела МИР", "The programmes of the MIR model"),
                "search_description": T(
                    "Четири програми в центровете на ХЕСЕД: за родители и малки деца, за деца, които не посещават "
                    "детска градина, за юноши и за цялата общност.",
                    "Four programmes in HESED’s centres: for parents and young children, for children who do not "
                    "attend kindergarten, for adolescents and for the whole community.",
                ),
                "listing_image": ImageRef("programmes"),
                "listing_image_alt": PROGRAMMES_ALT,
                "list_children": True,
                "introduction": T(
                    "Нашите центрове и програми решават и двата ключови проблема в ромската общност – "
                    "образованието и заетостта. ХЕСЕД изпълнява четири основни програми в своите центрове.",
                    "Our centres and programmes solve both key problems in the Roma community – education and "
                    "employment. HESED implements four main programmes in its centres.",
                ),
                "body": stream(
                    paragraph(
                        T(
                            "<p>Всички услуги се предлагат според нуждите и възможностите на хората – програмите за "
                            "деца и майки са сутрин, а за младежи и възрастни – следобед и вечер.</p>",
                            "<p>All services are offered according to people’s needs and abilities – programmes for "
                            "children and mothers in the morning, and for young people and adults in the afternoon "
                            "and evening.</p>",
                        )
                    ),
                ),
            },
        ),
        PageSpec(
            key="programme-early-years",
            model="home.ContentPage",
            parent="programmes",
            fields={
                "title": T("Ранно детско развитие и родителство", "Early childhood development and parenting"),
                "slug": T("ranno-detsko-razvitie-i-roditelstvo", "early-childhood-development-and-parenting"),
                "seo_title": T("Ранно детско развитие и родителство", "Early childhood development and parenting"),
                "search_description": T(
                    "Програма за бременни жени и родители на деца от 0 до 3 години: родителски умения и подкрепа "
                    "на ранното детско развитие.",
                    "A programme for pregnant women and parents of children aged 0–3: parenting skills and support "
                    "for early childhood development.",
                ),
                "listing_image": ImageRef("early-years"),
                "listing_image_alt": EARLY_YEARS_ALT,
                "introduction": T(
                    "За бременни жени и родители на деца от 0 до 3 години.",
                    "For pregnant women and parents of children aged 0–3.",
                ),
                "body": stream(
                    paragraph(
                        T(
                            "<p>Програмата подобрява родителските умения и подкрепя ранното детско развитие. Чрез "
                            "по-добри родителски грижи се подобрява качеството на живот на децата.</p>"
                            "<p>Програмата за деца и родители осигурява успешна интеграция в училище.</p>",
                            "<p>The programme improves parenting skills and supports early childhood development. "
                            "Better parental care improves the children’s quality of life.</p>"
                            "<p>The programme for children and parents ensures successful integration in "
                            "school.</p>",
                        )
                    ),
                    quote(
                        T(
                            "Образованието в ранна детска възраст е най-разумната инвестиция.",
                            "Early childhood education is the most reasonable investment.",
                        )
                    ),
                ),
            },
        ),
        PageSpec(
            key="programme-preschool",
            model="home.ContentPage",
            parent="programmes",
            fields={
                "title": T(
                    "Деца 4–6 години, които не посещават детска градина",
                    "Children aged 4–6 who do not attend kindergarten",
                ),
                "slug": T("detsa-4-6-godini", "children-aged-4-6"),
                "seo_title": T(
                    "Програма за деца 4–6 години, които не посещават детска градина",
                    "Programme for children aged 4–6 who do not attend kindergarten",
                ),
                "search_description": T(
                    "Подкрепа на ранното детско развитие и училищната готовност за деца от 4 до 6 години, които "
                    "не посещават детска градина.",
                    "Support for early childhood development and school readiness for children aged 4–6 who do "
                    "not attend kindergarten.",
                ),
                "listing_image": ImageRef("preschool"),
                "listing_image_alt": PRESCHOOL_ALT,
                "introduction": T(
                    "За деца от 4 до 6 години, които не посещават детска градина.",
                    "For children aged 4–6 who do not attend kindergarten.",
                ),
                "body": stream(
                    paragraph(
                        T(
                            "<p>Програмата предотвратява ранното отпадане от училище чрез подкрепа на ранното "
                            "детско развитие: подобрява познавателните и социалните умения на децата и тяхната "
                            "училищна готовност.</p>",
                            "<p>The programme prevents early school drop-out through support for early childhood "
                            "development: it improves the children’s cognitive and social skills and their school "
                            "readiness.</p>",
                        )
                    ),
                ),
            },
        ),
        PageSpec(
            key="programme-adolescents",
            model="home.ContentPage",
            parent="programmes",
            fields={
                "title": T("Юноши: социални умения и заетост", "Adolescents: social skills and employment"),
                "slug": T("yunoshi-sotsialni-umeniya-i-zaetost", "adolescents-social-skills-and-employment"),
                "seo_title": T(
                    "Юноши 12–15 години: социални умения и заетост",
                    "Adolescents aged 12–15: social skills and employment",
                ),
                "search_description": T(
                    "Обучение в житейски умения за юноши от 12 до 15 години, по-добри перспективи за работа и "
                    "отлагане на ранните бракове.",
                    "Life skills training for adolescents aged 12–15, better job prospects and delaying early "
                    "marriages.",
                ),
                "listing_image": ImageRef("adolescents"),
                "listing_image_alt": ADOLESCENTS_ALT,
                "introduction": T("За юноши на възраст от 12 до 15 години.", "For adolescents aged 12–15."),
                "body": stream(
                    paragraph(
                        T(
                            "<p>Програмата обучава в житейски умения и подобрява перспективите на младите роми за "
                            "успешна заетост. Развитието на социални умения при тийнейджърите подобрява участието "
                            "им на пазара на труда.</p>"
                            "<p>Очакваният резултат е по-добра социална интеграция на младите роми и успешни "
                            "перспективи за работа, включително отлагане на ранните бракове.</p>",
                            "<p>The programme provides life skills training and improves the prospects of young "
                            "Roma for successful employment. Developing teenagers’ social skills improves their "
                            "participation in the labour market.</p>"
                            "<p>The expected result is better social integration of young Roma and successful job "
                            "prospects, including delaying early marriages.</p>",
                        )
                    ),
                    quote(
                        T(
                            "Създаваме устойчива промяна в поведението на младите роми.",
                            "We create sustainable change in the behaviour of young Roma.",
                        )
                    ),
                ),
            },
        ),
        PageSpec(
            key="programme-community",
            model="home.ContentPage",
            parent="programmes",
            fields={
                "title": T("Работа с общността", "Work with the community"),
                "slug": T("rabota-s-obshtnostta", "work-with-the-community"),
                "seo_title": T("Работа с общността", "Work with the community"),
                "search_description": T(
                    "Услуги за цялата общност в кварталите, с участието на обучени общностни асистенти.",
                    "Services for the whole community in the neighbourhoods, with trained community assistants.",
                ),
                "listing_image": ImageRef("community"),
                "listing_image_alt": COMMUNITY_ALT,
                "introduction": T("За цялата общност в кварталите.", "For the whole community in the neighbourhoods."),
                "body": stream(
                    paragraph(
                        T(
                            "<p>Обучени общностни асистенти от центровете участват в различни социални, здравни и "
                            "образователни дейности.</p>"
                            "<p>Хората от общността са част от процеса и от решаването на проблемите, а услугите ни "
                            "в общността са все по-търсени.</p>",
                            "<p>Trained community assistants from the centres take part in various social, health "
                            "and educational activities.</p>"
                            "<p>People from the community are part of the process and of solving its problems, and "
                            "our services in the community are increasingly popular.</p>",
                        )
                    ),
                ),
            },
        ),
        PageSpec(
            key="centres",
            model="home.ContentPage",
            parent="home",
            show_in_menus=True,
            fields={
                "title": T("Центрове", "Centres"),
                "slug": T("tsentrove", "centres"),
                "seo_title": T("Центровете, които прилагат модела МИР", "The centres that implement the MIR model"),
                "search_description": T(
                    "Центровете на ХЕСЕД са близо до домовете на хората и предлагат програми за деца и майки "
                    "сутрин и за младежи и възрастни следобед и вечер.",
                    "HESED’s centres are close to people’s homes and offer programmes for children and mothers in "
                    "the morning and for young people and adults in the afternoon and evening.",
                ),
                "listing_image": ImageRef("centre"),
                "listing_image_alt": CENTRE_ALT,
                "introduction": T(
                    "Нашите центрове, които прилагат модела МИР, са нов тип социална инфраструктура с положително "
                    "въздействие върху цялата общност.",
                    "Our centres, which implement the MIR model, are a new type of social infrastructure with a "
                    "positive impact on the entire community.",
                ),
                "body": stream(
                    paragraph(
                        T(
                            "<p>Десетки общини в България с гъсто ромско население се нуждаят от тези програми за "
                            "равноправно приобщаване.</p>",
                            "<p>Dozens of municipalities in Bulgaria with a dense Roma population need these "
                            "programmes for equal inclusion.</p>",
                        )
                    ),
                    image(
                        ImageRef("centre"),
                        CENTRE_ALT,
                        T(
                            "Центровете са в непосредствена близост до домовете на хората.",
                            "The centres are in the immediate vicinity of people’s homes.",
                        ),
                    ),
                    heading(T("Близо до домовете", "Close to home")),
                    paragraph(
                        T(
                            "<p>Центровете се намират в непосредствена близост до домовете на нашите клиенти, което "
                            "осигурява социален и психологически комфорт на участниците.</p>"
                            "<p>Всички услуги се предлагат според нуждите и възможностите на клиентите – програми "
                            "за деца и майки сутрин и за младежи и възрастни следобед и вечер.</p>"
                            "<p>Обучени общностни асистенти от центровете участват в различни социални, здравни и "
                            "образователни дейности.</p>",
                            "<p>The centres are located in the immediate vicinity of our clients’ homes, providing "
                            "social and psychological comfort to the people involved.</p>"
                            "<p>All services are offered according to the clients’ needs and abilities – programmes "
                            "for children and mothers in the morning and for young people and adults in the "
                            "afternoon and evening.</p>"
                            "<p>Trained community assistants from the centres take part in various social, health "
                            "and educational activities.</p>",
                        )
                    ),
                    call_to_action(
                        T("Програмите в центровете", "The programmes in the centres"),
                        T(
                            "Четири програми – за родители и малки деца, за деца, които не посещават детска градина, "
                            "за юноши и за цялата общност.",
                            "Four programmes – for parents and young children, for children who do not attend "
                            "kindergarten, for adolescents and for the whole community.",
                        ),
                        PageRef("programmes"),
                        T("Вижте програмите", "See the programmes"),
                    ),
                ),
            },
        ),
        PageSpec(
            key="consulting",
            model="home.ConsultingPage",
            parent="home",
            show_in_menus=True,
            fields={
                "title": T("Консултиране", "Consulting"),
                "slug": T("konsultirane", "consulting"),
                "seo_title": T(
                    "Консултиране за общини и организации", "Consulting for municipalities and organisations"
                ),
                "search_description": T(
                    "Анализ на ситуацията, местни стратегии, обучение и супервизия на екипи, местни мрежи, бърза "
                    "оценка и оценка на ефективността.",
                    "Situation analysis, local strategies, training and supervision of teams, local networks, rapid "
                    "assessment and effectiveness evaluation.",
                ),
                "introduction": T(
                    "ХЕСЕД предлага консултиране за анализ на ситуацията и разработване на най-подходящите "
                    "стратегии за посрещане на нуждите и преодоляване на проблемите в развитието на човешките "
                    "ресурси и интеграцията на етническите малцинства.",
                    "HESED offers consulting on situation analysis and on developing the most suitable strategies "
                    "for meeting the needs and overcoming the issues in human resource development and the "
                    "integration of ethnic minorities.",
                ),
                "offers": stream(
                    offer(
                        T("Анализ на ситуацията и местни стратегии", "Situation analysis and local strategies"),
                        T(
                            "Предлагаме местни стратегии с комбинация от услуги и програми, които отговарят на "
                            "местните нужди от развитие.",
                            "We offer local strategies with a combination of services and programmes that meet "
                            "local development needs.",
                        ),
                        [
                            T("анализ на ситуацията", "situation analysis"),
                            T("разработване на най-подходящите стратегии", "developing the most suitable strategies"),
                        ],
                    ),
                    offer(
                        T("Обучение на местни екипи", "Training of local teams"),
                        T(
                            "Базово и последващо обучение на местните екипи.",
                            "Basic and follow-up training of local teams.",
                        ),
                        [T("базово обучение", "basic training"), T("последващо обучение", "follow-up training")],
                    ),
                    offer(
                        T("Супервизия на персонала", "Staff supervision"),
                        T(
                            "Супервизия на персонала за максимално качество на услугите и превенция на "
                            "професионалното прегаряне.",
                            "Staff supervision to ensure the highest quality of services and to prevent burn-out.",
                        ),
                    ),
                    offer(
                        T(
                            "Организационно развитие и изграждане на екип",
                            "Organisational development and team building",
                        ),
                        T(
                            "Подкрепа за организационното развитие и за изграждането на екипа.",
                            "Support for organisational development and team building.",
                        ),
                    ),
                    offer(
                        T(
                            "Местни мрежи от доставчици на услуги и институции",
                            "Local networks of service providers and institutions",
                        ),
                        T(
                            "Съдействие за изграждането на успешни местни мрежи от заинтересовани доставчици на "
                            "услуги и институции.",
                            "Assistance in developing successful local networks of stakeholder service providers "
                            "and institutions.",
                        ),
                    ),
                    offer(
                        T("Бърза оценка и проучвания", "Rapid assessment and research"),
                        T(
                            "Екипът на ХЕСЕД има богат опит в бързата оценка на ситуацията и в анализа на нуждите и "
                            "ресурсите. Той се основава на задълбоченото ни познаване на качествените и "
                            "количествените методи за изследване.",
                            "The HESED team has extensive experience in rapid assessment of the situation and "
                            "analysis of needs and resources. It is based on our deep understanding of qualitative "
                            "and quantitative research methods.",
                        ),
                        [
                            T("дизайн на изследването", "study design"),
                            T("задълбочени интервюта", "in-depth interviewing"),
                            T("фокус групи", "focus groups"),
                            T("наблюдения", "observations"),
                        ],
                    ),
                    offer(
                        T("Оценка на ефективността", "Effectiveness evaluation"),
                        T(
                            "Всяка интервенция се прилага заедно с оценка на резултатите и ефективността с "
                            "най-подходящите методи. Експертизата ни е изградена чрез множество обучения, "
                            "задължителна вътрешна оценка и външна оценка в различни проекти и програми. Работата "
                            "ни по оценка на ефективността на интервенциите е представяна в престижни международни "
                            "и национални научни публикации.",
                            "Each intervention is applied together with results and effectiveness evaluation using "
                            "the most appropriate methods. Our expertise has been developed through multiple "
                            "trainings, obligatory internal evaluation, and external assessment in various projects "
                            "and programmes. Our work in evaluating the effectiveness of interventions has been "
                            "featured in prestigious international and national scientific publications.",
                        ),
                    ),
                ),
                "experience": T(
                    "<p>Екипите на ХЕСЕД са прилагали местни ситуационни анализи, стратегическо планиране и всички "
                    "останали дейности през 12-годишната история на най-успешните национални програми – тези за "
                    "превенция и контрол на СПИН и туберкулозата.</p>",
                    "<p>HESED teams have applied local situational analyses, strategic planning and all other "
                    "activities throughout the 12-year history of the most successful national programmes – those "
                    "for the prevention and control of AIDS and tuberculosis.</p>",
                ),
                "form_heading": T("Изпратете запитване", "Send an enquiry"),
                "thank_you_text": T(
                    "<p>Благодарим ви! Получихме запитването ви и ще ви отговорим.</p>",
                    "<p>Thank you! We have received your enquiry and will reply to you.</p>",
                ),
                "subject": T("Запитване за консултиране от сайта", "Consulting enquiry from the website"),
            },
            form_fields=(
                FormFieldSpec("name", T("Име", "Name"), "singleline"),
                FormFieldSpec("email", T("Имейл", "Email"), "email"),
                FormFieldSpec(
                    "organisation",
                    T("Организация или община", "Organisation or municipality"),
                    "singleline",
                    required=False,
                ),
                FormFieldSpec("message", T("Съобщение", "Message"), "multiline"),
                FormFieldSpec("consent", CONSENT_ENQUIRY, "checkbox"),
            ),
        ),
        PageSpec(
            key="projects",
            model="projects.ProjectIndexPage",
            parent="home",
            show_in_menus=True,
            fields={
                "title": T("Проекти", "Projects"),
                "slug": T("proekti", "projects"),
                "seo_title": T("Проекти", "Projects"),
                "search_description": T(
                    "Моделът МИР и проекти за приобщаване на ромските общности в Перник, Пазарджик, Пловдив и Лом.",
                    "The MIR model and projects for the inclusion of Roma communities in Pernik, Pazardzhik, "
                    "Plovdiv and Lom.",
                ),
                "listing_image": ImageRef("towns"),
                "listing_image_alt": TOWNS_ALT,
                "introduction": T(
                    "Моделът МИР и проекти за приобщаване на ромските общности в България – с водещата "
                    "организация, партньорите, периода и финансирането на всеки от тях.",
                    "The MIR model and projects for the inclusion of Roma communities in Bulgaria – with the lead "
                    "organisation, partners, period and funding of each.",
                ),
            },
        ),
        PageSpec(
            key="project-mir",
            model="projects.ProjectPage",
            parent="projects",
            places=("sofia",),
            fields={
                "title": T("Модел за интегрирано развитие (МИР)", "Model for Integrated Development (MIR)"),
                "slug": T("model-za-integrirano-razvitie", "model-for-integrated-development"),
                "seo_title": T("Модел за интегрирано развитие (МИР)", "Model for Integrated Development (MIR)"),
                "search_description": T(
                    "Моделът МИР е създаден от ХЕСЕД въз основа на 15 години услуги в сегрегираните ромски общности "
                    "в София.",
                    "The MIR model was created by HESED on the basis of 15 years of services in the segregated Roma "
                    "communities of Sofia.",
                ),
                "listing_image": ImageRef("life-periods"),
                "listing_image_alt": LIFE_PERIODS_ALT,
                "summary": T(
                    "Целта на модела е да прекъсне порочния кръг на бедността в сегрегираните ромски общности чрез "
                    "висококачествени услуги в самата общност, насочени към по-добри родителски умения, подкрепа на "
                    "ранното детско развитие, обучение в житейски умения и по-добри перспективи за успешна заетост "
                    "на младите роми.",
                    "The goal of the model is to break the vicious circle of poverty in the segregated Roma "
                    "communities by providing high-quality services within the community, aimed at improving "
                    "parenting skills, supporting early child development, providing life skills training and "
                    "improving the prospects of young Roma for successful employment.",
                ),
                "start_date": None,
                "end_date": None,
                "period_note": T(
                    "15 години услуги за интегрирано развитие на общността",
                    "15 years of services for integrated community development",
                ),
                "status_when_undated": "ongoing",
                "funding_programme": None,
                "funders": simple_blocks("funder", MIR_FUNDERS),
                "lead_organisation": HESED,
                "partners": simple_blocks("partner", []),
                "grant_amount": None,
                "target_groups": simple_blocks("group", MIR_TARGET_GROUPS),
                "people_reached": None,
                "people_reached_note": "",
                "expected_results": simple_blocks("result", MIR_RESULTS),
                "body": stream(
                    paragraph(
                        T(
                            "<p>Моделът за интегрирано развитие (МИР) е създаден от ХЕСЕД въз основа на 15-годишния "
                            "опит в предоставянето на услуги за сегрегираните ромски общности в София, България. "
                            "ХЕСЕД предоставя услуги за интегрирано развитие на общността през последните 15 години "
                            "и от този практически опит е създаден моделът.</p>",
                            "<p>The Model for Integrated Development (MIR) was created by HESED on the basis of 15 "
                            "years of experience in providing services for the segregated Roma communities in "
                            "Sofia, Bulgaria. HESED has been providing services for integrated community development "
                            "for the last 15 years, and the model was created from this practical experience.</p>",
                        )
                    ),
                    bullet_list(
                        MIR_FUNDERS,
                        T(
                            "През годините услугите, включени в модела, са подкрепяни от (наред с други)",
                            "Over the years the services included in the model have been supported by (among others)",
                        ),
                    ),
                    paragraph(
                        T(
                            "<p>Съдържанието отразява единствено вижданията на автора и консорциумът от партньори по "
                            "проекта e-RR не носи отговорност за начина, по който може да бъде използвана "
                            "съдържащата се в него информация.</p>",
                            "<p>The content reflects the views only of the author, and the e-RR project partner "
                            "consortium cannot be held responsible for any use which may be made of the information "
                            "contained therein.</p>",
                        )
                    ),
                ),
                "contact_name": "",
                "contact_phone": "",
                "contact_address": "",
                "website": "",
            },
        ),
        PageSpec(
            key="project-children",
            model="projects.ProjectPage",
            parent="projects",
            places=("pazardzhik", "plovdiv", "lom"),
            fields={
                "title": CHILDREN_PROJECT_TITLE,
                "slug": T("spetsializirani-uslugi-za-detsa", "specialized-services-for-children"),
                "seo_title": T(
                    "Специализирани услуги за деца в конфликт или контакт със закона",
                    "Specialized services for children in conflict or contact with the law",
                ),
                "search_description": T(
                    "Три специализирани услуги в ромските общности в Пазарджик, Пловдив и Лом за деца в конфликт "
                    "или контакт със закона; програма „Правосъдие“, 2022–2024.",
                    "Three specialized services in the Roma communities of Pazardzhik, Plovdiv and Lom for "
                    "children in conflict or contact with the law; “Justice” programme, 2022–2024.",
                ),
                "listing_image": ImageRef("towns"),
                "listing_image_alt": TOWNS_ALT,
                "summary": T(
                    "Основната цел на проекта е да въведе и развие ефективен интегриран подход за подобряване на "
                    "положението и възможностите на децата в контакт със закона в три ромски общности в България.",
                    "The main goal of the project is to introduce and develop an effective integrated approach aimed "
                    "at improving the status and opportunities of children in contact with the law in three Roma "
                    "communities in Bulgaria.",
                ),
                "start_date": CHILDREN_START,
                "end_date": CHILDREN_END,
                "period_note": "",
                "status_when_undated": "",
                "funding_programme": "justice",
                "funders": simple_blocks("funder", []),
                "lead_organisation": IGA,
                "partners": simple_blocks(
                    "partner",
                    [
                        {"name": T("Фондация „Рома – Лом“", "Foundation “Roma – Lom”"), "url": ""},
                        {
                            "name": T(
                                "Фондация „Регионално развитие на ромите – Пловдив“",
                                "Roma Regional Development Foundation – Plovdiv",
                            ),
                            "url": "",
                        },
                        {"name": T("„Спаси детето“, Норвегия", "Save a Child, Norway"), "url": ""},
                    ],
                ),
                "grant_amount": CHILDREN_GRANT,
                "target_groups": simple_blocks(
                    "group",
                    [
                        T(
                            "уязвими деца от трите ромски общности – жертви или свидетели на престъпление и деца в "
                            "конфликт със закона под 18 години",
                            "vulnerable children from the three Roma communities – victims or witnesses of a crime, "
                            "and children in conflict with the law under the age of 18",
                        ),
                        T(
                            "представители на ромски неформални групи и граждански организации и ромски медиатори, "
                            "които работят в целевата общност",
                            "representatives of Roma informal groups and civil organisations, and Roma mediators "
                            "working in the target community",
                        ),
                    ],
                ),
                "people_reached": 210,
                "people_reached_note": T(
                    "120 уязвими деца и 90 представители на ромски неформални групи, граждански организации и "
                    "ромски медиатори",
                    "120 vulnerable children and 90 representatives of Roma informal groups, civil organisations "
                    "and Roma mediators",
                ),
                "expected_results": simple_blocks(
                    "result",
                    [
                        T(
                            "Извършено е задълбочено проучване на специфичните проблеми и нужди на трите ромски "
                            "общности чрез изследване, анализ на потенциала и нуждите и консултации с ромските "
                            "общности.",
                            "An in-depth study of the specific problems and needs of the three Roma communities "
                            "was carried out through research, analysis of their potential and needs, and "
                            "consultations with the Roma communities.",
                        ),
                        T(
                            "Подобряване на положението на ромската общност чрез въвеждане и развитие на 3 "
                            "специализирани услуги в Пловдив, Пазарджик и Лом с активното участие на съществуващите "
                            "ромски организации, лидери и медиатори.",
                            "Improving the situation of the Roma community through the implementation and "
                            "development of 3 specialized services in Plovdiv, Pazardzhik and Lom, with the active "
                            "participation of the existing Roma organisations, leaders and mediators.",
                        ),
                        T(
                            "Устойчивост на социалната промяна чрез включване в изграждането и развитието на "
                            "услугите както на ромската общност в трите региона, така и на ключовите институции в "
                            "трите общини.",
                            "Sustainability of social change by involving both the Roma community in the three "
                            "regions and the key institutions in the three municipalities in building and "
                            "developing the services.",
                        ),
                        T(
                            "Създаден е екип от 9 специалисти за работа в трите услуги.",
                            "A team of 9 specialists was created to work in the three services.",
                        ),
                        T(
                            "Подписани са двустранни споразумения с ключови институции за участие в изграждането и "
                            "развитието на услугите.",
                            "Bilateral agreements were signed with key institutions for participation in building "
                            "and developing the services.",
                        ),
                        T(
                            "120 деца от целевата група получиха различни услуги от трите центъра.",
                            "120 children from the target group received various services from the three centres.",
                        ),
                        T(
                            "Представители на ромски неформални групи и граждански организации и ромски медиатори "
                            "са включени в изграждането и предоставянето на услугите.",
                            "Representatives of Roma informal groups and civil organisations, and Roma mediators, "
                            "were involved in building and providing the services.",
                        ),
                        T("Изпълнени са мерки за публичност.", "Publicity measures were implemented."),
                    ],
                ),
                "body": stream(
                    heading(T("Центровете", "The centres")),
                    paragraph(
                        T(
                            "<p>Центровете са създадени през април 2023 г., за да предоставят следните услуги:</p>",
                            "<p>The centres were established in April 2023 to provide the following services:</p>",
                        )
                    ),
                    bullet_list(
                        [
                            T(
                                "координация на работата по случаи на деца в контакт или конфликт със закона, деца "
                                "с рисково поведение, жертви или свидетели на престъпления, участници в съдебни и "
                                "административни производства",
                                "coordination of work on the cases of children in contact or conflict with the "
                                "law, children with risky behaviour, victims or witnesses of crimes, and "
                                "participants in legal and administrative procedures",
                            ),
                            T(
                                "информиране и консултиране на деца и семейства – правно, психологическо, социално, "
                                "здравно и образователно",
                                "informing and counselling children and families – legal, psychological, social, "
                                "health and educational",
                            ),
                            T("целенасочена превенция за деца в риск", "targeted prevention for children at risk"),
                            T(
                                "експертна оценка или специализирана помощ по случаи на деца в контакт и конфликт "
                                "със закона за нуждите на институциите, свързани със случая",
                                "expert assessment or specialized assistance in cases of children in contact and "
                                "conflict with the law, for the needs of the institutions involved in the case",
                            ),
                        ]
                    ),
                    paragraph(
                        T(
                            "<p>Проектът предвижда и усилия за промяна на нагласите в обществото към изграждането на "
                            "перспективи за децата от уязвимите общности в контакт или конфликт със закона.</p>"
                            "<p>Центърът в Пазарджик се намира в квартал „Изток“, в самостоятелен офис, нает от "
                            "Фонд ИГА. В Пловдив той се помещава в квартал „Изток“ (Столипиново), в офиса на "
                            "Фондация „Регионално развитие на ромите – Пловдив“, а в Лом – в офиса на Фондация "
                            "„Рома – Лом“.</p>"
                            "<p>Предвидено е екипите на центровете да преминат обучение, а експерт на бенефициента "
                            "да наблюдава периодично услугите.</p>",
                            "<p>The project also provides for efforts to change society’s attitudes towards building "
                            "prospects for children from vulnerable communities in contact or conflict with the "
                            "law.</p>"
                            "<p>The centre in Pazardzhik is located in the “Iztok” district, in a separate office "
                            "rented by the IGA Fund. In Plovdiv it is housed in the “Iztok” district (Stolipinovo), "
                            "in the office of the Roma Regional Development Foundation – Plovdiv, and in Lom it is "
                            "located in the office of the Foundation “Roma – Lom”.</p>"
                            "<p>The teams of the centres are to undergo training, and an expert of the beneficiary "
                            "is to monitor the services periodically.</p>",
                        )
                    ),
                    image(
                        ImageRef("towns"),
                        TOWNS_ALT,
                        T(
                            "Центровете на проекта са в Пазарджик, Пловдив и Лом.",
                            "The project’s centres are in Pazardzhik, Plovdiv and Lom.",
                        ),
                    ),
                    heading(T("Кого обхваща проектът", "Who the project includes")),
                    paragraph(
                        T(
                            "<p>Общо 210 души са пряко включени в обхвата на проекта, независимо от финансовото им "
                            "положение и без дискриминация по пол, увреждане, възраст и др.: 120 уязвими деца от "
                            "трите ромски общности – жертви или свидетели на престъпление и деца в конфликт със "
                            "закона под 18 години, както и 90 представители на ромски неформални групи, граждански "
                            "организации и ромски медиатори, които работят в целевата общност.</p>",
                            "<p>A total of 210 people are primarily included in the scope of the project, regardless "
                            "of their financial situation and without discrimination based on gender, disability, "
                            "age, etc.: 120 vulnerable children from the three Roma communities – victims or "
                            "witnesses of a crime, and children in conflict with the law under the age of 18 – as "
                            "well as 90 representatives of Roma informal groups, civil organisations and Roma "
                            "mediators working in the target community.</p>",
                        )
                    ),
                ),
                "contact_name": T("Димитър Русинов", "Dimitar Rusinov"),
                "contact_phone": "+359 898490449",
                "contact_address": T("гр. Пазарджик, ул. „Ал. Стамболийски“ 8", "Pazardzhik, 8 Al. Stamboliyski St."),
                "website": "",
            },
        ),
        PageSpec(
            key="project-pernik",
            model="projects.ProjectPage",
            parent="projects",
            places=("pernik",),
            fields={
                "title": PERNIK_PROJECT_TITLE,
                "slug": T("integrirani-merki-pernik", "integrated-measures-pernik"),
                "seo_title": T(
                    "Интегрирани мерки за приобщаване на маргинализираните общности в Перник",
                    "Integrated measures for the inclusion of marginalized communities in Pernik",
                ),
                "search_description": T(
                    "Проект на Община Перник за по-добро социално приобщаване на ромската общност в града, "
                    "2022–2024; безвъзмездна помощ " + format_eur(PERNIK_GRANT, "bg") + ".",
                    "A Pernik Municipality project for the better social inclusion of the town’s Roma community, "
                    "2022–2024; grant of " + format_eur(PERNIK_GRANT, "en") + ".",
                ),
                "listing_image": ImageRef("towns"),
                "listing_image_alt": TOWNS_ALT,
                "summary": T(
                    "Проектът създава предпоставки за по-добро социално приобщаване и овластяване на "
                    "представителите на ромската общност в град Перник, която наброява 5100 души. Планираните "
                    "мерки осигуряват допълнителна подкрепа за по-добър достъп до социални услуги, образование, "
                    "заетост и здравеопазване и за недискриминация.",
                    "The project creates preconditions for improved social inclusion and empowerment of the "
                    "representatives of the Roma community in the town of Pernik, a community of 5,100 people. The "
                    "planned measures provide additional support to improve access to social services, education, "
                    "employment and health, and non-discrimination.",
                ),
                "start_date": PERNIK_START,
                "end_date": PERNIK_END,
                "period_note": "",
                "status_when_undated": "",
                "funding_programme": "local-development",
                "funders": simple_blocks("funder", []),
                "lead_organisation": PERNIK_MUNICIPALITY,
                "partners": simple_blocks(
                    "partner",
                    [
                        {
                            "name": T(
                                "Фондация „Положителни умения на личността в социума“ (П.У.Л.С.)",
                                "Foundation “Positive Skills of the Person in the Socium” (P.U.L.S.)",
                            ),
                            "url": "",
                        },
                        {"name": T("Intermezzo ungdom (Норвегия)", "Intermezzo ungdom (Norway)"), "url": ""},
                    ],
                ),
                "grant_amount": PERNIK_GRANT,
                "target_groups": simple_blocks(
                    "group",
                    [
                        T(
                            "роми и хора от други уязвими групи, живеещи в труднодостъпни или сегрегирани общности, "
                            "с труден достъп до услуги и неадекватна инфраструктура, изправени пред крайна бедност, "
                            "социално изключване и маргинализация",
                            "Roma and people from other vulnerable groups living in hard-to-reach or segregated "
                            "communities, with difficult access to services and inadequate infrastructure, facing "
                            "extreme poverty, social exclusion and marginalization",
                        ),
                    ],
                ),
                "people_reached": None,
                "people_reached_note": "",
                "expected_results": simple_blocks(
                    "result",
                    [
                        T(
                            "По-добри индивидуални възможности за ромите.",
                            "Better individual opportunities for the Roma.",
                        ),
                        T(
                            "По-добър достъп на целевите групи до качествени услуги в областта на социалното "
                            "подпомагане, образованието, заетостта и здравеопазването.",
                            "Improved access of the target groups to quality services in social assistance, "
                            "education, employment and healthcare.",
                        ),
                        T(
                            "По-добро благосъстояние на хората от целевите общности, които са се възползвали от "
                            "интегрираните услуги.",
                            "Improved well-being of those in the target communities who have benefited from the "
                            "integrated services.",
                        ),
                        T(
                            "По-добра информираност на членовете на ромската общност за техните права и отговорности.",
                            "Better information of the members of the Roma community about their rights and "
                            "responsibilities.",
                        ),
                        T(
                            "По-ниско равнище на дискриминация срещу ромите и преодоляване на стереотипите и "
                            "предразсъдъците към тях.",
                            "A lower level of discrimination against Roma and overcoming stereotypes and prejudices "
                            "against them.",
                        ),
                        T(
                            "По-добро овластяване на представителите на ромската общност за ефективно участие в "
                            "планирането, изпълнението и оценката на публичните политики и услуги за общността.",
                            "Better empowerment of the representatives of the Roma community to participate "
                            "effectively in the planning, implementation and evaluation of public policies and "
                            "services for the community.",
                        ),
                        T(
                            "По-добри възможности за ромите да намерят работа в резултат на дейностите по проекта.",
                            "Better opportunities for Roma to find work as a result of the project activities.",
                        ),
                    ],
                ),
                "body": stream(
                    paragraph(
                        T(
                            "<p>Проектът развива дейности в няколко основни направления, включително въвеждане на "
                            "цялостен подход за подобряване на положението на крайните ползватели, при който един и "
                            "същ човек получава поне 2 вида услуги от секторите социално подпомагане, образование, "
                            "заетост и здравеопазване – според нуждите си.</p>"
                            "<p>Чрез изпълнението на проекта се надграждат усилията на Община Перник за подкрепа и "
                            "развитие на малцинствените общности в града.</p>",
                            "<p>The project develops activities in several main areas, including the introduction of "
                            "a comprehensive approach aimed at improving the situation of end users, where the same "
                            "person is provided with at least 2 types of services from the sectors of social "
                            "assistance, education, employment and health, depending on their needs.</p>"
                            "<p>Through the implementation of the project, the efforts of Pernik Municipality to "
                            "support and develop the minority communities in the town are upgraded.</p>",
                        )
                    ),
                ),
                "contact_name": T("Стефан Кръстев", "Stefan Krastev"),
                "contact_phone": "+359 897 935422",
                "contact_address": T("2300 Перник, пл. „Св. Иван Рилски“", "2300 Pernik, Sv. Ivan Rilski Square"),
                "website": "",
            },
        ),
        PageSpec(
            key="press",
            model="home.PressIndexPage",
            parent="home",
            show_in_menus=True,
            fields={
                "title": T("Пресцентър", "Press centre"),
                "slug": T("prestsentar", "press"),
                "seo_title": T("Пресцентър", "Press centre"),
                "search_description": T(
                    "Новини за проектите, представени на сайта: начало и край на периодите им на изпълнение.",
                    "News about the projects presented on this site: the start and end of their implementation "
                    "periods.",
                ),
                "introduction": T(
                    "Новини за проектите, представени на сайта.", "News about the projects presented on this site."
                ),
            },
        ),
        _press_page(
            "press-pernik-start",
            PERNIK_START,
            T("Започва проектът за интегрирани мерки в Перник", "The Pernik integrated measures project begins"),
            T(
                f"На {_date_bg(PERNIK_START)} започва изпълнението на проекта на Община Перник за по-добро "
                "приобщаване на хората, живеещи в маргинализирани общности.",
                f"On {_date_en(PERNIK_START)} Pernik Municipality’s project to improve the inclusion of people "
                "living in marginalized communities begins.",
            ),
            T(
                f"<p>На {_date_bg(PERNIK_START)} започва изпълнението на проекта „Интегрирани мерки за подобряване "
                "на приобщаването на хората, живеещи в маргинализирани общности“. Водеща организация е Община "
                "Перник, а партньори са Фондация „Положителни умения на личността в социума“ (П.У.Л.С.) и "
                "Intermezzo ungdom (Норвегия). Проектът е по програма „Местно развитие, намаляване на бедността "
                f"и подобрено включване на уязвими групи“, с безвъзмездна помощ от {format_eur(PERNIK_GRANT, 'bg')}"
                f", а периодът на изпълнение е до {_date_bg(PERNIK_END)}</p>",
                f"<p>On {_date_en(PERNIK_START)} the implementation of the project “Integrated measures to improve "
                "the inclusion of people living in marginalized communities” begins. The lead organisation is Pernik "
                "Municipality, and the partners are the Foundation “Positive Skills of the Person in the Socium” "
                "(P.U.L.S.) and Intermezzo ungdom (Norway). The project is funded under the “Local development, "
                "poverty reduction and enhanced inclusion of vulnerable groups” programme with a grant of "
                f"{format_eur(PERNIK_GRANT, 'en')}, and its implementation period runs until "
                f"{_date_en(PERNIK_END)}.</p>",
            ),
            "project-pernik",
        ),
        _press_page(
            "press-children-start",
            CHILDREN_START,
            T(
                "Започва проектът за деца от ромските общности в конфликт или контакт със закона",
                "The project for children from Roma communities in conflict or contact with the law begins",
            ),
            T(
                f"На {_date_bg(CHILDREN_START)} започва проектът за специализирани услуги за деца от ромските "
                "общности в Пазарджик, Пловдив и Лом.",
                f"On {_date_en(CHILDREN_START)} the project for specialized services for children from the Roma "
                "communities of Pazardzhik, Plovdiv and Lom begins.",
            ),
            T(
                f"<p>На {_date_bg(CHILDREN_START)} започва изпълнението на проекта „Специализирани услуги за деца от "
                "ромските общности в конфликт или контакт със закона“ по програма „Правосъдие“. Проектът се "
                "изпълнява в Пазарджик, Пловдив и Лом от Фондация „Фонд за превенция на престъпността – ИГА“ в "
                "партньорство с Фондация „Рома – Лом“, Фондация „Регионално развитие на ромите – Пловдив“ и "
                f"„Спаси детето“, Норвегия. Безвъзмездната помощ е {format_eur(CHILDREN_GRANT, 'bg')}, а периодът "
                f"на изпълнение е до {_date_bg(CHILDREN_END)}</p>",
                f"<p>On {_date_en(CHILDREN_START)} the implementation of the project “Specialized services for "
                "children from Roma communities in conflict or contact with the law” under the “Justice” programme "
                "begins. The project is implemented in Pazardzhik, Plovdiv and Lom by the Crime Prevention Fund IGA "
                "in partnership with the Foundation “Roma – Lom”, the Roma Regional Development Foundation – "
                f"Plovdiv and Save a Child, Norway. The grant is {format_eur(CHILDREN_GRANT, 'en')}, and the "
                f"implementation period runs until {_date_en(CHILDREN_END)}.</p>",
            ),
            "project-children",
        ),
        _press_page(
            "press-pernik-end",
            PERNIK_END,
            T(
                "Приключва периодът на изпълнение на проекта в Перник",
                "The implementation period of the Pernik project ends",
            ),
            T(
                f"На {_date_bg(PERNIK_END)} приключва периодът на изпълнение на проекта на Община Перник за "
                "интегрирани мерки за приобщаване.",
                f"On {_date_en(PERNIK_END)} the implementation period of Pernik Municipality’s integrated "
                "inclusion measures project ends.",
            ),
            T(
                f"<p>На {_date_bg(PERNIK_END)} приключва двугодишният период на изпълнение на проекта „Интегрирани "
                "мерки за подобряване на приобщаването на хората, живеещи в маргинализирани общности“, започнал на "
                f"{_date_bg(PERNIK_START)} Водеща организация на проекта е Община Перник.</p>",
                f"<p>On {_date_en(PERNIK_END)} the two-year implementation period of the project “Integrated "
                "measures to improve the inclusion of people living in marginalized communities”, which began on "
                f"{_date_en(PERNIK_START)}, ends. The project’s lead organisation is Pernik Municipality.</p>",
            ),
            "project-pernik",
        ),
        _press_page(
            "press-children-end",
            CHILDREN_END,
            T(
                "Приключва периодът на изпълнение на проекта за деца в конфликт или контакт със закона",
                "The implementation period of the project for children in conflict or contact with the law ends",
            ),
            T(
                f"На {_date_bg(CHILDREN_END)} приключва периодът на изпълнение на проекта за специализирани услуги "
                "за деца от ромските общности в Пазарджик, Пловдив и Лом.",
                f"On {_date_en(CHILDREN_END)} the implementation period of the project for specialized services for "
                "children from the Roma communities of Pazardzhik, Plovdiv and Lom ends.",
            ),
            T(
                f"<p>На {_date_bg(CHILDREN_END)} приключва периодът на изпълнение на проекта „Специализирани услуги "
                "за деца от ромските общности в конфликт или контакт със закона“, започнал на "
                f"{_date_bg(CHILDREN_START)} Центровете на проекта в Пазарджик, Пловдив и Лом са създадени през "
                "април 2023 г. Водеща организация на проекта е Фондация „Фонд за превенция на престъпността – "
                "ИГА“.</p>",
                f"<p>On {_date_en(CHILDREN_END)} the implementation period of the project “Specialized services for "
                "children from Roma communities in conflict or contact with the law”, which began on "
                f"{_date_en(CHILDREN_START)}, ends. The project’s centres in Pazardzhik, Plovdiv and Lom were "
                "established in April 2023. The project’s lead organisation is the Crime Prevention Fund IGA.</p>",
            ),
            "project-children",
        ),
        PageSpec(
            key="about",
            model="home.ContentPage",
            parent="home",
            show_in_menus=True,
            fields={
                "title": T("За фондацията", "About the foundation"),
                "slug": T("za-fondatsiyata", "about"),
                "seo_title": T(
                    "За Фондация „Здраве и социално развитие“ (ХЕСЕД)",
                    "About the Health and Social Development Foundation (HESED)",
                ),
                "search_description": T(
                    "Мисия, лицензи и постижения на ХЕСЕД – лицензиран доставчик на социални услуги – и кой "
                    "подкрепя работата ни.",
                    "HESED’s mission, licences and achievements as a licensed provider of social services, and who "
                    "supports our work.",
                ),
                "listing_image": ImageRef("community"),
                "listing_image_alt": COMMUNITY_ALT,
                "introduction": MISSION,
                "body": stream(
                    heading(T("Лицензи", "Licences")),
                    paragraph(T(f"<p>{LICENCE_SENTENCE.bg}</p>", f"<p>{LICENCE_SENTENCE.en}</p>")),
                    heading(T("Какво постигаме", "What we achieve")),
                    bullet_list(WHAT_WE_ACHIEVE),
                    heading(T("Кой подкрепя работата ни", "Who supports our work")),
                    bullet_list(
                        MIR_FUNDERS,
                        T(
                            "През годините услугите, включени в модела МИР, са подкрепяни от (наред с други)",
                            "Over the years the services included in the MIR model have been supported by (among "
                            "others)",
                        ),
                    ),
                    call_to_action(
                        T("Свържете се с нас", "Get in touch"),
                        T(
                            "Пишете ни, ако искате да подкрепите работата ни или да работите с нас.",
                            "Write to us if you would like to support our work or to work with us.",
                        ),
                        PageRef("contact"),
                        T("Към формата за контакт", "Go to the contact form"),
                    ),
                ),
            },
        ),
        PageSpec(
            key="contact",
            model="home.ContactPage",
            parent="home",
            show_in_menus=True,
            fields={
                "title": T("Контакти", "Contact"),
                "slug": T("kontakti", "contact"),
                "seo_title": T("Контакти", "Contact"),
                "search_description": T(
                    "Пишете на Фондация „Здраве и социално развитие“ (ХЕСЕД) чрез формата за контакт.",
                    "Write to the Health and Social Development Foundation (HESED) using the contact form.",
                ),
                "introduction": T(
                    "Пишете ни чрез формата по-долу. Ще ви отговорим на имейл адреса, който посочите.",
                    "Write to us using the form below. We will reply to the email address you give.",
                ),
                "thank_you_text": T(
                    "<p>Благодарим ви! Получихме съобщението ви и ще ви отговорим.</p>",
                    "<p>Thank you! We have received your message and will reply to you.</p>",
                ),
                "subject": T("Съобщение от формата за контакт", "Message from the contact form"),
            },
            form_fields=(
                FormFieldSpec("name", T("Име", "Name"), "singleline"),
                FormFieldSpec("email", T("Имейл", "Email"), "email"),
                FormFieldSpec("message", T("Съобщение", "Message"), "multiline"),
                FormFieldSpec("consent", CONSENT_MESSAGE, "checkbox"),
            ),
        ),
        PageSpec(
            key="donate",
            model="donations.DonationPage",
            parent="home",
            show_in_menus=True,
            fields={
                "title": T("Подкрепете ни", "Support us"),
                "slug": T("darete", "donate"),
                "seo_title": T("Дарете за работата на фондацията", "Donate to the foundation’s work"),
                "search_description": T(
                    "Дарете еднократно или всеки месец с карта в подкрепа на услугите на ХЕСЕД в общността.",
                    "Give once or every month by card to support HESED’s services in the community.",
                ),
                "introduction": T(
                    "С еднократно или месечно дарение подкрепяте услугите на фондацията за деца и семейства в "
                    "общността.",
                    "With a one-off or monthly gift you support the foundation’s services for children and "
                    "families in the community.",
                ),
                # Only what the foundation's own texts say about its work: no invented facts.
                "story": stream(
                    paragraph(
                        T(
                            "<p>Даренията подкрепят услугите на фондацията в общностните центрове: програмите за "
                            "родители и малки деца, за деца от 4 до 6 години, които не посещават детска градина, "
                            "за юноши и работата с общността. За всяко дарение изпращаме разписка по имейл.</p>",
                            "<p>Gifts support the foundation’s services in its community centres: the programmes "
                            "for parents and young children, for children aged 4–6 who do not attend "
                            "kindergarten, for adolescents, and the work with the community. We send a receipt "
                            "by email for every gift.</p>",
                        )
                    ),
                ),
            },
        ),
        # The privacy notice: its table comes from the site's personal-data registry and the
        # controller from the organisation settings, so the seed gives only the introduction.
        PageSpec(
            key="privacy",
            model="home.PrivacyNoticePage",
            parent="home",
            fields={
                "title": T("Поверителност и лични данни", "Privacy notice"),
                "slug": T("poveritelnost", "privacy"),
                "seo_title": T("Поверителност и лични данни", "Privacy notice"),
                "search_description": T(
                    "Какви лични данни събира сайтът, защо, колко дълго ги пази и кой ги получава.",
                    "Which personal data the website collects, why, how long it keeps them and who receives them.",
                ),
                "introduction": T(
                    "Тук е описано какви лични данни събира този сайт, защо, колко дълго ги пази и кой ги получава, "
                    "както и как можете да упражните правата си.",
                    "This page explains which personal data this website collects, why, how long it keeps them and "
                    "who receives them, and how you can use your rights.",
                ),
            },
        ),
        # The terms for online donations: only what this site does (card payments through
        # Stripe's page, receipts by email, monthly gifts cancelled by the donor on the "manage"
        # page, refunds back to the card through Stripe). The organiser, the contacts, the
        # card-fee option and the "manage" link are drawn from the settings by the page itself.
        PageSpec(
            key="terms",
            model="home.TermsPage",
            parent="home",
            fields={
                "title": T("Общи условия за онлайн дарения", "Terms for online donations"),
                "slug": T("obshti-usloviya-darenia", "donation-terms"),
                "seo_title": T("Общи условия за онлайн дарения", "Terms for online donations"),
                "search_description": T(
                    "Как се дарява онлайн на фондацията: плащане с карта, разписка, месечно дарение и отказ от него, "
                    "връщане на суми.",
                    "How online donations to the foundation work: card payment, receipt, monthly gifts and how to "
                    "cancel them, refunds.",
                ),
                "introduction": T(
                    "Тези условия описват как работят даренията, направени чрез този сайт.",
                    "These terms describe how gifts made through this website work.",
                ),
                "body": stream(
                    heading(T("Как се дарява", "How to give")),
                    paragraph(T(
                        "<p>На страницата за дарения избирате сума и дали дарението е еднократно или месечно, и "
                        "посочвате име и имейл адрес. Плащането е с банкова карта на защитената страница на "
                        "платежния оператор Stripe; този сайт не вижда и не съхранява данните на картата ви. "
                        "Най-малката и най-голямата сума, които могат да се дарят онлайн, са посочени във формата.</p>",
                        "<p>On the donation page you choose an amount and whether the gift is one-off or monthly, "
                        "and give your name and email address. You pay by card on the secure page of the payment "
                        "provider Stripe; this website never sees or stores your card details. The smallest and "
                        "largest amounts that can be given online are stated in the form.</p>",
                    )),
                    heading(T("Разписка", "Receipt")),
                    paragraph(T(
                        "<p>Когато плащането премине, изпращаме разписка на посочения от вас имейл адрес. Ако сте "
                        "избрали анонимно дарение, името ви не се показва на страницата на кампанията.</p>",
                        "<p>When the payment has gone through, we send a receipt to the email address you gave. If "
                        "you chose to give anonymously, your name is not shown on the campaign page.</p>",
                    )),
                    heading(T("Месечно дарение", "Monthly gifts")),
                    paragraph(T(
                        "<p>Месечното дарение се плаща с картата ви всеки месец, докато не го прекратите. Можете "
                        "да смените картата или да прекратите дарението по всяко време от страницата „Управление "
                        "на дарението ми“, до която ви изпращаме връзка по имейл. Прекратяването спира следващите "
                        "плащания.</p>",
                        "<p>A monthly gift is charged to your card every month until you cancel it. You can change "
                        "the card or cancel the gift at any time on the “Manage my donation” page, to which we "
                        "email you a link. Cancelling stops the payments that follow.</p>",
                    )),
                    heading(T("Връщане на дарение", "Refunds")),
                    paragraph(T(
                        "<p>Ако сте дарили по грешка, пишете ни. Когато върнем сума, тя се връща чрез Stripe по "
                        "картата, с която е направено дарението, и в записите ни дарението е отбелязано като "
                        "върнато изцяло или частично.</p>",
                        "<p>If you gave by mistake, write to us. When we refund an amount, it goes back through "
                        "Stripe to the card the gift was made with, and our records mark the gift as fully or "
                        "partly refunded.</p>",
                    )),
                    heading(T("Лични данни", "Personal data")),
                    paragraph(T(
                        "<p>За да приемем дарението и да ви изпратим разписка, пазим името, имейл адреса, сумата и "
                        "посвещението, ако сте посочили такова. Плащането с карта обработва Stripe, а имейлите "
                        "изпраща нашият доставчик на имейл услуги. Подробно: в страницата за поверителност.</p>",
                        "<p>To accept your gift and send you a receipt we keep your name, email address, the amount "
                        "and the dedication if you gave one. Card payments are processed by Stripe, and our email "
                        "provider delivers the emails. In detail: on the privacy notice page.</p>",
                    )),
                ),
            },
        ),
        # The accessibility statement: the standard the site is tested against and how, and
        # nothing more than that testing shows; how to report a problem comes from the settings.
        PageSpec(
            key="accessibility",
            model="home.AccessibilityStatementPage",
            parent="home",
            fields={
                "title": T("Достъпност", "Accessibility statement"),
                "slug": T("dostapnost", "accessibility"),
                "seo_title": T("Декларация за достъпност", "Accessibility statement"),
                "search_description": T(
                    "Спрямо кой стандарт за достъпност се проверява сайтът и как да ни съобщите за проблем.",
                    "Which accessibility standard the website is tested against, and how to report a problem.",
                ),
                "introduction": T(
                    "Искаме всеки да може да използва този сайт, включително хората, които ползват екранен четец, "
                    "клавиатура или увеличение на текста.",
                    "We want everyone to be able to use this website, including people who use a screen reader, "
                    "a keyboard or text enlargement.",
                ),
                "body": stream(
                    heading(T("Стандарт", "Standard")),
                    paragraph(T(
                        "<p>Сайтът се проверява спрямо Насоките за достъпност на уеб съдържанието (WCAG) 2.2, ниво "
                        "AA. При всяка промяна автоматични тестове отварят всеки вид страница на български и на "
                        "английски в браузър, на ширината на телефон и на компютър, и ги проверяват с инструмента "
                        "axe; формите се проверяват и без JavaScript.</p>",
                        "<p>The website is tested against the Web Content Accessibility Guidelines (WCAG) 2.2, level "
                        "AA. With every change, automated tests open every kind of page in Bulgarian and English in "
                        "a browser, at phone and desktop widths, and check them with the axe tool; the forms are also "
                        "tested without JavaScript.</p>",
                    )),
                    heading(T("Известни ограничения", "Known limitations")),
                    paragraph(T(
                        "<p>Автоматичните проверки не откриват всеки проблем, а сайтът не е преминал независим "
                        "одит. Документите (например PDF) и вградените видеоклипове, публикувани на сайта, идват от "
                        "други източници и може да не отговарят на стандарта.</p>",
                        "<p>Automated checks do not find every problem, and the website has not had an independent "
                        "audit. Documents (such as PDFs) and embedded videos published on the website come from "
                        "other sources and may not meet the standard.</p>",
                    )),
                ),
            },
        ),
    ]


# --- Site settings (home.OrganisationSettings, home.NavigationSettings) ---

ORGANISATION = {
    "name_bg": "Фондация „Здраве и социално развитие“",
    "name_en": "Health and Social Development Foundation",
    "short_name_bg": "ХЕСЕД",
    "short_name_en": "HESED",
    "legal_name_bg": "Фондация „Здраве и социално развитие“",
    "legal_name_en": "Health and Social Development Foundation",
    "registration_bg": "Лицензиран доставчик на социални услуги от Агенцията за социално подпомагане и Държавната "
    "агенция за закрила на детето.",
    "registration_en": "Licensed provider of social services by the Agency for Social Assistance and the National "
    "Child Protection Agency.",
    # No source gives the foundation's address, phone, email or social links: they stay empty
    # until staff enter them.
    "address_bg": "",
    "address_en": "",
    "phone": "",
    "email": "",
    "facebook_url": "",
    "youtube_url": "",
    "linkedin_url": "",
}

FOOTER_PAGE_KEYS = ["about", "contact", "projects", "press"]

"""Writes the test digests in tests/ingest/digests/ and their expected segmentation.

The expectations come from how each digest is put together here (story by story), not from
running ingest. Run `python tests/ingest/make_digests.py` after changing a digest below.
Per story: paragraphs, then what is expected of it: kicker, words the title must contain,
countries and topics that must be found, and the story's date.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

HERE = Path(__file__).parent / "digests"

# name: (edition, line end, blank lines between paragraphs, BOM, final newline, stories)
# story: dict(p=[paragraphs], kicker=..., title=[words], countries=[...], topics=[...], date=...)
DIGESTS: dict[str, dict] = {}


def digest(name: str, edition: str, stories: list[dict], *, eol: str = "\n", blank: bool | str = False,
           bom: bool = False, final_newline: bool = True, nbsp: bool = False, trailing: bool = False,
           known_failure: str = "", known_title_failure: str = "", wrap: int = 0) -> None:
    """blank: True = a blank line between all paragraphs; "stories" = only between stories.
    known_failure: why the segmenter still gets this digest wrong (its tests are xfail);
    known_title_failure: why a title still misses its expected words (only the title test is xfail);
    wrap: hard-wrap every paragraph at this many columns (textwrap), as a newsroom's editor does."""
    DIGESTS[name] = dict(edition=edition, stories=stories, eol=eol, blank=blank, bom=bom,
                         final_newline=final_newline, nbsp=nbsp, trailing=trailing, known_failure=known_failure,
                         known_title_failure=known_title_failure, wrap=wrap)


digest("crlf-blank-2024-11-05", "2024-11-05", eol="\r\n", blank=True, bom=True, stories=[
    dict(p=["‘HISTORIC VOTE’: Irish voters back changes to the constitution after a long campaign by women’s groups Voters in Ireland yesterday approved two amendments to the constitution, the Electoral Commission said, ending a campaign that lasted more than a decade.",
            "Turnout was 44 percent, officials in Dublin said. The government had urged a yes vote on both questions.",
            "Taoiseach Simon Harris said the result showed a country “at ease with itself”.",
            "Opposition parties said they would study the result before deciding on further steps."],
         kicker="‘HISTORIC VOTE’", title=["Irish", "constitution"], countries=["IE"], topics=["politics"], date="2024-11-04"),
    dict(p=["‘FLOOD WARNING’: Valencia braces for more rain as rescuers search for the missing Spain’s weather agency yesterday issued a red warning for the province of Valencia, where floods last week killed more than 200 people.",
            "Soldiers and volunteers continued to clear mud from streets in Paiporta, the town worst hit by the floods.",
            "Prime Minister Pedro Sánchez said the state would pay for the reconstruction of homes and roads."],
         kicker="‘FLOOD WARNING’", title=["Valencia"], countries=["ES"], topics=["disaster-accident"], date="2024-11-04"),
])

digest("two-long-no-kicker-2025-02-11", "2025-02-11", stories=[
    dict(p=["Kenya’s government yesterday declared a national drought emergency in 23 counties after the short rains failed for the third year in a row.",
            "The National Drought Management Authority said more than 2 million people needed food aid, most of them herders in the north.",
            "Livestock prices have collapsed as herders sell animals they can no longer feed, the authority said.",
            "President William Ruto called on donors to help and said the treasury would release 4 billion shillings for water trucking.",
            "Aid agencies said the money would not be enough and warned that child malnutrition was rising in Turkana and Marsabit."],
         title=["Kenya", "drought"], countries=["KE"], topics=["environment"], date="2025-02-10"),
    dict(p=["BRASILIA (Reuters) - Brazil’s central bank raised its benchmark interest rate by a full percentage point on Wednesday to 13.25 percent, its fourth increase in a row, as inflation expectations kept climbing.",
            "Policymakers led by governor Gabriel Galipolo signaled another hike of the same size in March.",
            "Economists polled before the decision had expected the move, citing a weaker real and strong consumer demand.",
            "Finance Minister Fernando Haddad said the government would present new spending cuts to Congress."],
         title=["Brazil", "interest rate"], countries=["BR"], topics=["economy-business-finance"], date="2025-02-05"),
    dict(p=["Japan’s largest brewer Asahi said on Monday it would buy a craft beer maker in Oregon for $340 million, its biggest deal in the United States, as it looks for growth abroad while beer drinking at home declines. The company said the deal would close in April, pending approval by regulators. Shares in Asahi rose 2 percent in Tokyo after the announcement, and analysts said the price was reasonable given the brand’s growth."],
         title=["Asahi"], countries=["JP", "US"], topics=["economy-business-finance"], date="2025-02-10"),
])

digest("chinese-2025-03-03", "2025-03-03", stories=[
    dict(p=["‘颱風逼近’：中央氣象署昨天發布海上颱風警報，預估颱風將於今天下午最接近台灣東部海面。",
            "氣象署表示，花蓮、台東山區可能出現豪雨，民眾應避免前往山區及海邊。",
            "交通部也宣布，台鐵東部幹線部分班次將停駛。"],
         kicker="‘颱風逼近’", title=["颱風"], countries=["TW"], topics=["weather"], date="2025-03-02"),
    dict(p=["行政院長卓榮泰昨天在立法院答詢時表示，政府將在年底前提出新的能源政策，包括擴大太陽能與離岸風電的規模，並檢討核能電廠延役的可行性。他說，能源轉型必須兼顧供電穩定與減碳目標，行政院將邀請各界"],
         title=["行政院長"], countries=["TW"], topics=["politics"], date="2025-03-02"),
    dict(p=["‘詐騙集團’：台北地方法院昨天判決一名男子有期徒刑五年，他被控參與跨國詐騙集團，在柬埔寨以假投資網站騙取多名被害人共新台幣三千萬元。法院指出，被告雖坦承犯行，但未與被害人達成和解。"],
         kicker="‘詐騙集團’", title=["台北"], countries=["TW", "KH"], topics=["crime-law-justice"], date="2025-03-02"),
])

digest("mixed-en-zh-2025-05-20", "2025-05-20", blank=True, stories=[
    dict(p=["President Lai Ching-te yesterday marked his first year in office with a speech at the Presidential Office in Taipei, pledging to keep the peace across the Taiwan Strait.",
            "Lai said Taiwan would raise defense spending to 3 percent of GDP and deepen ties with democracies.",
            "The opposition Chinese Nationalist Party (KMT) said the speech offered little on the economy."],
         title=["Lai"], countries=["TW"], topics=["politics"], date="2025-05-19"),
    dict(p=["香港政府昨天宣布，將向每名合資格市民發放五千港元電子消費券，以刺激本地消費。",
            "財政司司長陳茂波表示，計劃預計涉及約一百億港元，市民可於七月起登記。"],
         title=["香港"], countries=["HK"], topics=["economy-business-finance"], date="2025-05-19"),
    dict(p=["SEOUL: South Korea’s presidential candidates clash over North Korea policy in final debate The main candidates in South Korea’s June 3 presidential election clashed over how to deal with North Korea in a televised debate last night, with the liberal frontrunner promising to reopen talks with Pyongyang and his conservative rival calling for a stronger alliance with the US. Polls show the liberal Democratic Party candidate Lee Jae-myung leading by more than 10 points, although the gap has narrowed since the start of"],
         kicker="SEOUL", title=["South Korea"], countries=["KR", "KP"], topics=["politics"], date="2025-05-19"),
])

digest("straight-and-no-quotes-2025-06-14", "2025-06-14", stories=[
    dict(p=["'HEAT RECORD': India’s capital swelters as temperatures pass 45C for a week The temperature in New Delhi reached 46.8C yesterday, the India Meteorological Department said, the seventh day in a row above 45C. Hospitals reported dozens of cases of heatstroke and the city government ordered schools to stay closed. Power demand hit a record as air conditioners ran through the night, and officials warned of water shortages in several districts of the"],
         kicker="‘HEAT RECORD’", title=["India"], countries=["IN"], topics=["weather"], date="2025-06-13"),
    dict(p=["MIDDLE EAST: Jordan and Egypt call for an immediate ceasefire in Gaza after talks in Cairo The foreign ministers of Jordan and Egypt met in Cairo yesterday and called for an immediate ceasefire in Gaza and the unhindered delivery of aid, a joint statement said. Jordanian Foreign Minister Ayman Safadi said more than two million people faced hunger and that the international community had to act. The ministers also discussed plans for reconstruction, which they said would cost tens of billions of"],
         kicker="MIDDLE EAST", title=["Jordan", "Egypt"], countries=["JO", "EG", "PS"], topics=["conflict-war-peace"], date="2025-06-13"),
    dict(p=["\"GOLDEN BOOT\": Norway’s Haaland ends the season as the league’s top scorer again Erling Haaland scored twice in Manchester City’s final match of the season yesterday to finish as the Premier League’s top scorer for the third time. The Norway striker took his tally to 31 goals, four more than his nearest rival. City coach Pep Guardiola said he expected Haaland to stay at the club despite interest from Spain."],
         kicker="“GOLDEN BOOT”", title=["Haaland"], countries=["NO", "GB"], topics=["sport"], date="2025-06-13"),
])

digest("credits-2025-07-02", "2025-07-02", stories=[
    dict(p=["Wildfires fanned by strong winds forced the evacuation of thousands of people on the Greek island of Chios yesterday, the fire service said.",
            "Photo: Reuters",
            "More than 300 firefighters backed by water-dropping aircraft battled the flames, which destroyed homes and olive groves.",
            "The civil protection ministry said no one had been hurt.",
            "Additional reporting by Angeliki Koutantou in Athens"],
         title=["Wildfires"], countries=["GR"], topics=["disaster-accident"], date="2025-07-01"),
    dict(p=["Australia’s parliament passed a law on Tuesday barring children under 16 from social media, with fines of up to A$49.5 million for platforms that fail to comply.",
            "(Photo: AFP)",
            "Prime Minister Anthony Albanese said the law would protect young people from harm online.",
            "Technology companies said the law had been rushed and would be hard to enforce."],
         title=["Australia"], countries=["AU"], topics=["science-technology"], date="2025-07-01"),
    dict(p=["Photograph: Carlos Barria",
            "‘ORBIT’: A Japanese lunar lander reaches the Moon’s orbit after a four-month journey The private Japanese company ispace said yesterday that its lander had entered orbit around the Moon and would attempt to land next month. The company’s first attempt in 2023 ended in a crash. Chief executive Takeshi Hakamada said the team had learned from the failure and was"],
         kicker="‘ORBIT’", title=["lunar lander"], countries=["JP"], topics=["science-technology"], date="2025-07-01"),
])

digest("french-2025-09-09", "2025-09-09", blank=True, stories=[
    dict(p=["Le Premier ministre François Bayrou a perdu lundi un vote de confiance à l’Assemblée nationale, entraînant la chute de son gouvernement après moins de neuf mois au pouvoir.",
            "Le président Emmanuel Macron doit désormais nommer un nouveau chef du gouvernement, a indiqué l’Élysée.",
            "Selon les partis d’opposition, seule une dissolution permettrait de sortir de la crise."],
         title=["Bayrou"], countries=["FR"], topics=["politics"], date="2025-09-08"),
    dict(p=["‘SÉCHERESSE’ : Le Maroc rationne l’eau dans plusieurs villes après une septième année sans pluie Les autorités marocaines ont annoncé hier des coupures d’eau nocturnes à Casablanca et à Marrakech, où les barrages ne sont remplis qu’à 20 % de leur capacité. Le ministère de l’Équipement a précisé que les mesures dureraient au moins jusqu’à la fin de"],
         kicker="‘SÉCHERESSE’", title=["Maroc"], countries=["MA"], topics=["environment"], date="2025-09-08"),
    dict(p=["Le Tour de France s’est achevé dimanche à Paris par la victoire du Slovène Tadej Pogacar, son quatrième succès sur la Grande Boucle.",
            "Il a devancé le Danois Jonas Vingegaard de plus de quatre minutes."],
         title=["Tour de France"], countries=["FR", "SI"], topics=["sport"], date="2025-09-07"),
])

digest("spanish-2025-10-15", "2025-10-15", stories=[
    dict(p=["ECONOMÍA: Argentina registra la inflación mensual más baja en cinco años El Instituto Nacional de Estadística y Censos informó ayer que los precios subieron un 1,5 por ciento en septiembre, la cifra más baja desde 2020.",
            "El presidente Javier Milei celebró el dato en las redes sociales y aseguró que la inflación seguirá bajando.",
            "Sin embargo, los sindicatos advirtieron que los salarios siguen perdiendo poder adquisitivo."],
         kicker="ECONOMÍA", title=["Argentina"], countries=["AR"], topics=["economy-business-finance"], date="2025-10-14"),
    dict(p=["Un terremoto de magnitud 6,1 sacudió ayer el norte de Chile, sin que se reportaran víctimas, según el Servicio Nacional de Prevención y Respuesta ante Desastres. El sismo se sintió con fuerza en Antofagasta y Calama, donde algunas minas de cobre suspendieron sus operaciones durante varias horas como medida de precaución. Las autoridades descartaron la posibilidad de un tsunami en la costa del Pacífico y pidieron a la población mantener la calma."],
         title=["terremoto"], countries=["CL"], topics=["disaster-accident"], date="2025-10-14"),
    dict(p=["‘CUMBRE’: Los líderes de México y Canadá acuerdan ampliar la cooperación comercial La presidenta Claudia Sheinbaum y el primer ministro Mark Carney se reunieron ayer en la Ciudad de México y firmaron un plan de acción para reforzar el comercio bilateral ante los aranceles de Estados Unidos. Ambos dirigentes dijeron que el tratado regional debe"],
         kicker="‘CUMBRE’", title=["México", "Canadá"], countries=["MX", "CA", "US"], topics=["economy-business-finance"], date="2025-10-14"),
])

digest("cr-nbsp-no-final-newline-2025-08-21", "2025-08-21", eol="\r", nbsp=True, trailing=True, final_newline=False, stories=[
    dict(p=["‘BLACKOUT’: Power returns to most of Chile after a nationwide outage Power was restored to 90 percent of homes in Chile by last night after a failure on a main transmission line left about 8 million people without electricity, the grid operator said.",
            "Interior Minister Carolina Tohá said the government had declared a curfew in Santiago overnight as a precaution.",
            "“The system is stable again,” the operator’s chief executive told reporters."],
         kicker="‘BLACKOUT’", title=["Chile"], countries=["CL"], topics=["disaster-accident"], date="2025-08-20"),
    dict(p=["Vietnam’s exports rose 16 percent in the first seven months of the year from a year earlier, driven by shipments of electronics to the United States, the statistics office said yesterday. Imports rose 18 percent, leaving a trade surplus of about $10 billion. Economists said the figures showed manufacturers had front-loaded orders before new US tariffs took effect, and warned that growth in exports could slow sharply in the last"],
         title=["Vietnam", "exports"], countries=["VN", "US"], topics=["economy-business-finance"], date="2025-08-20"),
])

digest("several-long-2025-04-02", "2025-04-02", stories=[
    dict(p=["‘QUAKE TOLL’: Myanmar death toll passes 2,700 as rescuers dig through rubble in Mandalay The death toll from last week’s earthquake in Myanmar rose to more than 2,700 yesterday, the military government said, as rescue teams from China, India and Russia searched collapsed buildings in Mandalay.",
            "The magnitude 7.7 quake struck on Friday near the city of Sagaing and was felt as far away as Bangkok, where a high-rise under construction collapsed.",
            "Meanwhile, aid groups said survivors were sleeping in the streets for fear of aftershocks and that clean water was running short.",
            "He said the junta would accept help from all countries, junta leader Min Aung Hlaing told state television.",
            "The UN said it had released $5 million from its emergency fund."],
         kicker="‘QUAKE TOLL’", title=["Myanmar"], countries=["MM"], topics=["disaster-accident"], date="2025-04-01"),
    dict(p=["‘TARIFF THREAT’: EU prepares counter-measures as US levies on steel take effect The European Commission yesterday said it was ready to impose tariffs on up to 26 billion euros of US goods in response to US duties on steel and aluminium.",
            "Trade Commissioner Maros Sefcovic said the bloc still preferred a negotiated solution and would keep talking to Washington.",
            "“We are not looking for a fight, but we will defend our interests,” he told reporters in Brussels.",
            "Also yesterday, Germany’s economy ministry said exports to the US had fallen for a second month."],
         kicker="‘TARIFF THREAT’", title=["EU"], countries=["US", "BE", "DE"], topics=["economy-business-finance"], date="2025-04-01"),
    dict(p=["‘TITLE RACE’: Liverpool move closer to the Premier League title with a win over Everton Liverpool beat Everton 1-0 at Anfield last night to go 12 points clear at the top of the Premier League with eight games left.",
            "Diogo Jota scored the only goal early in the second half.",
            "Manager Arne Slot said his team still had work to do."],
         kicker="‘TITLE RACE’", title=["Liverpool"], countries=["GB"], topics=["sport"], date="2025-04-01"),
])

digest("long-teasers-fullstop-2025-12-01", "2025-12-01", stories=[
    dict(p=["Indonesia’s parliament yesterday passed a revised military law that allows serving officers to hold more civilian posts, despite protests by students and rights groups who said it would bring back the army’s role in politics seen under the late president Suharto. Lawmakers from all eight parties backed the bill in a vote in Jakarta. Protesters gathered outside the parliament building and clashed with police, who used water cannon. The defense ministry said the law set clear limits and would not weaken civilian control."],
         title=["Indonesia", "military"], countries=["ID"], topics=["politics"], date="2025-11-30"),
    dict(p=["Scientists in Switzerland said yesterday that the country’s glaciers lost 3 percent of their volume this year, the fourth-largest loss on record, after a winter with little snow and a hot summer. The Glacier Monitoring Switzerland network said small glaciers were disappearing fastest, and that some ski areas in the Alps would have to close pistes on glacier ice. Researchers warned that at this rate half the ice left would be gone by 2050 and that the loss would affect rivers across Europe in dry summers."],
         title=["glaciers"], countries=["CH"], topics=["environment"], date="2025-11-30"),
    dict(p=["Nigeria’s central bank on Tuesday kept its benchmark interest rate unchanged at 27.5 percent, saying inflation had slowed for a fifth month but remained too high. Governor Olayemi Cardoso told reporters in Abuja that the bank would keep policy tight until price growth fell further. The naira has steadied against the dollar this year after two large devaluations, and foreign investors have returned to the government bond market, the bank said in its statement."],
         title=["Nigeria"], countries=["NG"], topics=["economy-business-finance"], date="2025-11-25"),
])

digest("headlines-wrapped-2025-01-20", "2025-01-20", blank=True, stories=[
    dict(p=["Cyclone cuts power to thousands in Western Australia",
            "A tropical cyclone crossed the coast of Western Australia near Port Hedland\nyesterday, cutting power to thousands of homes and closing the iron ore\nexport port, the state government said.",
            "The Bureau of Meteorology said the storm would weaken as it moved\ninland but warned of flooding in the Pilbara region."],
         title=["Cyclone"], countries=["AU"], topics=["weather"], date="2025-01-19"),
    dict(p=["Canada names new central bank deputy governor",
            "The Bank of Canada said on Friday that it had appointed a new senior\ndeputy governor, who will take up the post in March. Governor Tiff\nMacklem said the appointee brought long experience of financial markets."],
         title=["Canada"], countries=["CA"], topics=["economy-business-finance"], date="2025-01-17"),
])


# --- written after the segmenter was tuned on the digests above, to measure it on unseen text ---

digest("heldout-briefs-2025-03-15", "2025-03-15", stories=[
    dict(p=["Thailand’s cabinet yesterday approved a plan to legalize casinos in large entertainment complexes, a project Prime Minister Paetongtarn Shinawatra says will draw tourists and create jobs. The bill now goes to parliament."],
         title=["Thailand"], countries=["TH"], topics=["economy-business-finance"], date="2025-03-14"),
    dict(p=["Police in Manila on Thursday arrested 12 people suspected of running an online scam hub that targeted victims in Europe, the national police said. Officers seized dozens of computers and phones."],
         title=["Manila"], countries=["PH"], topics=["crime-law-justice"], date="2025-03-13"),
    dict(p=["A passenger train derailed in northern Pakistan yesterday, injuring at least 30 people, railway officials said. The cause of the accident was being investigated."],
         title=["train"], countries=["PK"], topics=["disaster-accident"], date="2025-03-14"),
    dict(p=["Mongolia’s parliament elected a new speaker on Friday after his predecessor resigned over a corruption scandal involving coal exports to China."],
         title=["Mongolia"], countries=["MN"], topics=["politics"], date="2025-03-14"),
])

digest("heldout-ap-datelines-2025-06-30", "2025-06-30", stories=[
    dict(p=["NAIROBI, Kenya (AP) — Thousands of young people marched in Nairobi on Sunday to mark the anniversary of last year’s deadly protests against tax increases.",
            "Police fired tear gas at groups of protesters near parliament, witnesses said.",
            "“We are here for those who were killed,” said Mercy Wanjiru, a 24-year-old student.",
            "Rights groups say at least 60 people died in last year’s protests."],
         title=["Nairobi"], countries=["KE"], topics=["politics"], date="2025-06-29"),
    dict(p=["LIMA, Peru (AP) — Peru’s Congress on Sunday voted to remove the country’s interior minister over a wave of crime and extortion that has hit transport workers.",
            "Lawmakers voted 78 to 20 in favour of the censure motion.",
            "The minister, who had been in office for five months, said he respected the decision."],
         title=["Peru"], countries=["PE"], topics=["politics"], date="2025-06-29"),
    dict(p=["HANOI, Vietnam (AP) — Vietnam’s National Assembly on Sunday approved a plan to cut the number of provinces from 63 to 34, the largest reorganization of local government in decades.",
            "Officials said the change would save money and speed up decisions."],
         title=["Vietnam"], countries=["VN"], topics=["politics"], date="2025-06-29"),
])

digest("heldout-two-long-taipei-2025-08-08", "2025-08-08", stories=[
    dict(p=["The Ministry of Health and Welfare yesterday said that it would raise the tobacco health tax next year, with the extra revenue going to long-term care and cancer screening.",
            "The tax on a pack of cigarettes would rise by NT$20, Minister of Health and Welfare Chiu Tai-yuan said.",
            "Smoking rates among adults have fallen to about 13 percent, but the ministry wants to cut them further, he said.",
            "Anti-smoking groups welcomed the plan, while retailers said it would drive customers to smuggled cigarettes."],
         title=["tobacco"], countries=["TW"], topics=["health"], date="2025-08-07"),
    dict(p=["Typhoon Podul made landfall in Taitung County yesterday afternoon, bringing strong winds and heavy rain to eastern and southern Taiwan, the Central Weather Administration said.",
            "More than 3,000 people were evacuated from mountain areas, and schools and offices in six counties were closed.",
            "Taiwan Power Co said that about 200,000 households had lost power at the height of the storm.",
            "The typhoon was expected to move into the Taiwan Strait overnight and weaken."],
         title=["Typhoon"], countries=["TW"], topics=["weather"], date="2025-08-07"),
])

digest("heldout-chinese-datelines-2025-09-20", "2025-09-20", blank=True, stories=[
    dict(p=["（中央社記者陳家倫台北19日電）立法院今天三讀通過財政收支劃分法修正草案，中央將增加對地方政府的統籌分配款。",
            "行政院表示，將尊重國會決定，但擔心中央財政負擔過重。"],
         title=["立法院"], countries=["TW"], topics=["politics"], date="2025-09-19"),
    dict(p=["（中央社記者林長順東京19日電）日本首相今天表示，政府將在下個月提出新的經濟對策，協助家庭因應物價上漲。",
            "他說，對策將包括電費與瓦斯費補貼。"],
         title=["日本"], countries=["JP"], topics=["economy-business-finance"], date="2025-09-19"),
])

digest("heldout-quotes-and-meanwhile-2025-10-01", "2025-10-01", stories=[
    dict(p=["‘ELECTION DAY’: Moldovans vote in a parliamentary election seen as a choice between Europe and Russia Voters in Moldova went to the polls on Sunday in an election that the government says Russia has tried to sway with vote buying and disinformation.",
            "“This is the most important election in our history,” President Maia Sandu said after casting her ballot in Chisinau.",
            "“Our future in the European Union is at stake.”",
            "Meanwhile, police said they had detained dozens of people suspected of organizing paid protests.",
            "Moscow denies interfering."],
         kicker="‘ELECTION DAY’", title=["Moldova"], countries=["MD", "RU"], topics=["politics"], date="2025-09-28"),
    dict(p=["‘PRICE CUT’: Drug makers agree to lower insulin prices in South Africa The country’s three largest suppliers of insulin agreed to cut prices by up to 40 percent after an investigation by the Competition Commission, the regulator said yesterday. Health Minister Aaron Motsoaledi welcomed the deal and said the savings would let public hospitals treat more patients. Patient groups said the cut was overdue, noting that many people with diabetes could not"],
         kicker="‘PRICE CUT’", title=["insulin"], countries=["ZA"], topics=["health"], date="2025-09-30"),
])


# --- second held-out round: ledes without a time word, short full-stop briefs ---

digest("heldout2-no-peg-2025-11-11", "2025-11-11", stories=[
    dict(p=["Apple has agreed to pay $95 million to settle a lawsuit accusing its Siri voice assistant of recording private conversations without users’ consent.",
            "The proposed settlement was filed in federal court in Oakland, California, and requires approval by a judge.",
            "Apple denied wrongdoing but said it had changed how Siri recordings are stored.",
            "Lawyers for the plaintiffs said users could claim up to $20 for each device."],
         title=["Apple"], countries=["US"], topics=["economy-business-finance"], date="2025-11-11"),
    dict(p=["Heavy snow has closed schools and roads across much of Poland, with the national weather service warning of temperatures as low as minus 20C in the east of the country.",
            "Hundreds of flights were delayed at Warsaw’s Chopin Airport.",
            "Railway operator PKP said some trains were running up to three hours late.",
            "Power cuts hit about 40,000 homes in the Lublin region."],
         title=["snow", "Poland"], countries=["PL"], topics=["weather"], date="2025-11-11"),
])

digest("heldout2-short-briefs-2025-11-12", "2025-11-12", stories=[
    dict(p=["Chile’s copper output fell 4 percent in October from a year earlier as ore grades declined at older mines, the national statistics institute said."],
         title=["copper"], countries=["CL"], topics=["economy-business-finance"], date="2025-11-12"),
    dict(p=["A court in Istanbul sentenced a journalist to two years in prison for insulting the president in a social media post, her lawyer said."],
         title=["Istanbul"], countries=["TR"], topics=["crime-law-justice"], date="2025-11-12"),
    dict(p=["New Zealand will ban the sale of disposable vapes from next year, the health minister announced, citing a rise in vaping among teenagers."],
         title=["New Zealand"], countries=["NZ"], topics=["health"], date="2025-11-12"),
    dict(p=["Ethiopia and Somalia agreed to restore full diplomatic relations after talks mediated by Turkey, the two governments said in a joint statement."],
         title=["Ethiopia"], countries=["ET", "SO"], topics=["politics"], date="2025-11-12"),
])


# --- third held-out round ---

digest("heldout3-sport-2025-05-05", "2025-05-05", known_failure=(
    "two Madrid football stories in a row: same city, same sport, the second lede's time word comes late"), stories=[
    dict(p=["Real Madrid beat Celta Vigo 3-2 on Sunday to keep alive their hopes of winning the Spanish league title, with Kylian Mbappe scoring twice.",
            "Arda Guler opened the scoring in the 33rd minute before Mbappe added two goals either side of half-time.",
            "Celta hit back with two late goals but could not find an equaliser.",
            "Madrid are four points behind leaders Barcelona with four games left."],
         title=["Real Madrid"], countries=["ES"], topics=["sport"], date="2025-05-04"),
    dict(p=["Atletico Madrid’s Antoine Griezmann scored his 200th goal for the club on Saturday in a 4-0 win over Alaves at the Metropolitano stadium.",
            "The French forward became only the second player to reach the mark for Atletico.",
            "Coach Diego Simeone said Griezmann was “one of the greatest in our history”."],
         title=["Griezmann"], countries=["ES"], topics=["sport"], date="2025-05-03"),
    dict(p=["Ireland’s Rory McIlroy won the Truist Championship in Philadelphia yesterday, his third PGA Tour title of the season, by two strokes.",
            "Additional reporting by Mark Lamport-Stokes"],
         title=["McIlroy"], countries=["IE", "US"], topics=["sport"], date="2025-05-04"),
])

digest("heldout3-taipei-times-2025-07-19", "2025-07-19", stories=[
    dict(p=["Premier Cho Jung-tai yesterday said the Cabinet would propose a special budget of NT$550 billion to help industries hit by US tariffs and to strengthen the nation’s resilience.",
            "The budget would include subsidies for small and medium-sized enterprises, funds for energy infrastructure and spending on defense, Cho told reporters at the Executive Yuan in Taipei.",
            "Photo: CNA",
            "The Ministry of Economic Affairs would set up a one-stop service center for exporters, he said.",
            "Opposition lawmakers said they would review the proposal carefully.",
            "“We support helping businesses, but the government must explain where the money is going,” Chinese Nationalist Party (KMT) caucus whip Fu Kun-chi said.",
            "The legislature is expected to take up the bill next month."],
         title=["Cho"], countries=["TW", "US"], topics=["economy-business-finance"], date="2025-07-18"),
    dict(p=["“SECURITY BREACH”: Navy officer detained for allegedly selling secrets to China A navy lieutenant commander has been detained on suspicion of passing classified information about warship movements to Chinese agents, the Kaohsiung District Prosecutors’ Office said yesterday. Prosecutors said the officer was recruited during a trip to Hong Kong in 2021 and received about NT$2 million in payments. The Ministry of National Defense said it was cooperating fully with the investigation and had tightened"],
         kicker="“SECURITY BREACH”", title=["Navy officer"], countries=["TW", "CN"], topics=["crime-law-justice"], date="2025-07-18"),
    dict(p=["Taiwan’s exports rose 35 percent year-on-year to a record US$56 billion last month, driven by demand for artificial intelligence servers, the Ministry of Finance said yesterday. Shipments to the US rose 68 percent, while exports to China and Hong Kong increased 12 percent. The ministry said it expected exports to keep growing this month, although uncertainty over US tariffs remained a risk for the second half of the year."],
         title=["exports"], countries=["TW", "US"], topics=["economy-business-finance"], date="2025-07-18"),
])

digest("heldout3-chinese-no-kicker-2025-12-24", "2025-12-24", stories=[
    dict(p=["台北市政府昨天宣布，明年起將全面實施垃圾費隨袋徵收的新制度，並調整專用垃圾袋的價格。",
            "環保局長表示，新制度可望減少一成的垃圾量。",
            "市議員則質疑，調漲價格將加重市民負擔。"],
         title=["台北市"], countries=["TW"], topics=["environment"], date="2025-12-23"),
    dict(p=["日本氣象廳今天表示，北海道部分地區降下超過一公尺的大雪，多條鐵路停駛，數百架航班取消。",
            "當局呼籲民眾避免不必要的外出。"],
         title=["日本"], countries=["JP"], topics=["weather"], date="2025-12-24"),
])

digest("heldout3-spanish-long-2025-04-14", "2025-04-14", blank=True, stories=[
    dict(p=["El Gobierno de Colombia anunció ayer la suspensión de las negociaciones de paz con el Ejército de Liberación Nacional tras un ataque que dejó cinco soldados muertos en el departamento de Arauca.",
            "El ministro de Defensa, Pedro Sánchez, dijo que las fuerzas armadas reforzarán su presencia en la frontera con Venezuela.",
            "La guerrilla no se pronunció sobre el ataque."],
         title=["Colombia"], countries=["CO", "VE"], topics=["conflict-war-peace"], date="2025-04-13"),
    dict(p=["Perú declaró el estado de emergencia en Lima y Callao durante 30 días por el aumento de la extorsión y los asesinatos, informó el domingo el Gobierno.",
            "La medida permite a los militares apoyar a la policía en el patrullaje de las calles.",
            "Los transportistas, que han sido víctimas de numerosos ataques, anunciaron una nueva huelga para el jueves."],
         title=["Perú"], countries=["PE"], topics=["crime-law-justice"], date="2025-04-13"),
])


# --- layouts added after the third round: blank lines only between stories, bylines, section lines ---

digest("blank-between-stories-bylines-2025-02-20", "2025-02-20", blank="stories", stories=[
    dict(p=["WORLD NEWS",
            "By Maria Lopez",
            "The International Monetary Fund raised its forecast for global growth this year to 3.3 percent, citing stronger spending in the United States.",
            "Chief economist Pierre-Olivier Gourinchas said risks remained, including trade disputes.",
            "The fund cut its forecast for Germany, which it expects to grow by only 0.3 percent."],
         kicker="WORLD NEWS", title=["Monetary Fund"], countries=["US", "DE"], topics=["economy-business-finance"], date="2025-02-20"),
    dict(p=["By Chen Yu-fu / Staff reporter",
            "Nearly 40 percent of elementary schools in rural counties will have fewer than 50 students by 2030, according to a report released by the Ministry of Education.",
            "The ministry said it would encourage small schools to share teachers and facilities."],
         # A home story naming no place: the site's home_country (config.yaml: TW).
         title=["schools"], countries=["TW"], topics=["education"], date="2025-02-20"),
    dict(p=["Staff writer, with CNA",
            "A magnitude 5.8 earthquake shook Hualien County, but there were no reports of damage, the Central Weather Administration said.",
            "The quake was felt across the country, including in Taipei."],
         title=["earthquake"], countries=["TW"], topics=["disaster-accident"], date="2025-02-20"),
])


digest("wrapped-no-blank-lines-2025-03-21", "2025-03-21", stories=[
    dict(p=["Norway’s government yesterday approved plans for the country’s\nlargest onshore wind farm, despite objections from Sami reindeer\nherders who say the turbines would disturb their animals.",
            "The project near Trondheim would supply power to about\n200,000 homes, the energy ministry said.",
            "Sami groups said they would appeal."],
         title=["Norway"], countries=["NO"], topics=["environment"], date="2025-03-20"),
    dict(p=["‘SPACE RACE’: India launches its first solar observatory The Indian\nSpace Research Organisation yesterday launched a spacecraft to study\nthe Sun from a point 1.5 million kilometers from Earth, the agency\nsaid in a statement. The mission follows India’s landing near the\nMoon’s south pole last year and is expected to reach its orbit in"],
         kicker="‘SPACE RACE’", title=["India"], countries=["IN"], topics=["science-technology"], date="2025-03-20"),
])


# --- fourth held-out round (written last; not tuned on) ---

digest("heldout4-seedlike-2025-10-10", "2025-10-10", stories=[
    dict(p=["Israel and Hamas yesterday agreed on the first phase of a plan to end the war in Gaza, with hostages to be released within days in exchange for Palestinian prisoners, mediators said.",
            "The agreement was reached after three days of indirect talks in Sharm el-Sheikh, Egypt.",
            "Photo: Reuters",
            "Israeli Prime Minister Benjamin Netanyahu said he would convene his government to approve the deal.",
            "Crowds gathered in Tel Aviv and in Khan Younis to celebrate the news.",
            "“This is a great day for the world,” US President Donald Trump wrote on social media.",
            "Additional reporting by Nidal al-Mughrabi in Cairo"],
         title=["Israel", "Hamas"], countries=["IL", "PS", "EG"], topics=["conflict-war-peace"], date="2025-10-09"),
    dict(p=["‘RECORD HIGH’: TAIEX closes above 27,000 points for the first time on AI optimism Taiwan’s benchmark stock index closed at a record high yesterday, lifted by Taiwan Semiconductor Manufacturing Co and other chipmakers. Foreign investors bought a net NT$30 billion of local shares, the Taiwan Stock Exchange said. Analysts said strong demand for servers used in artificial intelligence had"],
         kicker="‘RECORD HIGH’", title=["TAIEX"], countries=["TW"], topics=["economy-business-finance"], date="2025-10-09"),
    dict(p=["The Ministry of Foreign Affairs yesterday protested after Paraguay’s foreign minister was denied entry to a UN meeting in New York at Beijing’s request. Minister Lin Chia-lung said Taiwan would work with its allies to push for fair treatment at international bodies, adding that the incident showed China’s"],
         title=["Ministry of Foreign Affairs"], countries=["TW", "PY", "CN"], topics=["politics"], date="2025-10-09"),
])

digest("heldout4-us-two-long-2025-09-18", "2025-09-18", stories=[
    dict(p=["The US Federal Reserve cut its benchmark interest rate by a quarter of a percentage point on Wednesday, its first cut this year, citing a weaker job market.",
            "Fed Chair Jerome Powell said the decision was a “risk-management cut” and that policymakers would move meeting by meeting.",
            "Markets had fully expected the move.",
            "One governor voted for a larger cut of half a point."],
         title=["Federal Reserve"], countries=["US"], topics=["economy-business-finance"], date="2025-09-17"),
    dict(p=["A jury in Manhattan found a former bank executive guilty of fraud for hiding losses on loans to shipping companies, prosecutors said.",
            "The executive faces up to 20 years in prison when he is sentenced in January.",
            "His lawyers said they would appeal the verdict."],
         title=["jury"], countries=["US"], topics=["crime-law-justice"], date="2025-09-18"),
])

digest("heldout4-mixed-scripts-2025-11-30", "2025-11-30", blank=True, stories=[
    dict(p=["經濟部昨天公布，十月外銷訂單金額年增百分之二十五，連續七個月成長，主要受惠於人工智慧相關需求。",
            "統計處長表示，預估十一月訂單仍將維持成長。"],
         title=["外銷訂單"], countries=["TW"], topics=["economy-business-finance"], date="2025-11-29"),
    dict(p=["Tainan Mayor Huang Wei-che (黃偉哲) yesterday opened a new light rail line linking the city’s high-speed rail station with its science park, the city government said.",
            "The line is expected to carry 20,000 passengers a day."],
         title=["Tainan"], countries=["TW"], topics=["economy-business-finance"], date="2025-11-29"),
    dict(p=["Le gouvernement belge a annoncé hier un plan d’économies de 10 milliards d’euros sur cinq ans, provoquant la colère des syndicats, qui appellent à une grève générale le mois prochain.",
            "Le Premier ministre Bart De Wever a défendu des mesures « nécessaires »."],
         title=["belge"], countries=["BE"], topics=["economy-business-finance"], date="2025-11-29"),
])


# --- round 5 (segmenter): kicker-less one-paragraph stories in a row, and leads with no kicker
# whose later paragraphs share no name with the paragraph before (quotes, "The ministry said",
# background, a new place or a number first). Written for the boundary model's training data.

digest("r5-teasers-one-per-line-2026-02-12", "2026-02-12", stories=[
    dict(p=["The national weather service yesterday issued its highest warning for heavy rain in the south of Sri Lanka, where landslides have already blocked roads in two districts."],
         title=["heavy rain"], countries=["LK"], topics=["weather"], date="2026-02-11"),
    dict(p=["A court in Nairobi on Tuesday ordered the release of two opposition activists who had been held for a week without charge, their lawyers said."],
         title=["Nairobi"], countries=["KE"], topics=["crime-law-justice"], date="2026-02-10"),
    dict(p=["Volkswagen said yesterday it would cut 4,000 more jobs at its plants in Germany by 2028 as demand for its electric cars stays weak."],
         title=["Volkswagen"], countries=["DE"], topics=["economy-business-finance"], date="2026-02-11"),
    dict(p=["Two climbers died and a third was rescued after an avalanche swept a popular route on the French side of Mont Blanc, local officials said."],
         title=["avalanche"], countries=["FR"], topics=["disaster-accident"], date="2026-02-12"),
    dict(p=["Chinese health authorities reported 12 new cases of bird flu among poultry workers in Guangdong province, the most in a single month since 2017."],
         title=["bird flu"], countries=["CN"], topics=["health"], date="2026-02-12"),
    dict(p=["Brazil’s Supreme Court yesterday upheld a ban on mobile phones in schools, rejecting an appeal by a teachers’ union."],
         title=["Brazil"], countries=["BR"], topics=["education"], date="2026-02-11"),
])

digest("r5-teasers-blank-lines-2026-03-05", "2026-03-05", blank=True, stories=[
    dict(p=["Argentina’s annual inflation slowed to 31 percent in February, the lowest in five years, the national statistics institute said yesterday. Food prices rose less than economists had expected."],
         title=["inflation"], countries=["AR"], topics=["economy-business-finance"], date="2026-03-04"),
    dict(p=["Firefighters in Chile were battling more than 40 forest fires in the regions of Biobio and Nuble on Wednesday, helped by cooler winds. The government declared a state of catastrophe in three towns."],
         title=["Chile"], countries=["CL"], topics=["disaster-accident"], date="2026-03-04"),
    dict(p=["The Philippine coast guard said one of its vessels was hit by a Chinese water cannon near Scarborough Shoal, the latest clash in disputed waters of the South China Sea."],
         title=["water cannon"], countries=["PH", "CN"], topics=["conflict-war-peace"], date="2026-03-05"),
    dict(p=["Samsung Electronics said on Tuesday its operating profit in the fourth quarter doubled from a year earlier on strong sales of memory chips used in artificial intelligence servers."],
         title=["Samsung"], countries=["KR"], topics=["economy-business-finance"], date="2026-03-03"),
    dict(p=["Nine people were killed when a bus carrying pilgrims fell into a gorge in the Indian state of Uttarakhand yesterday, police said. Rescuers pulled 20 injured passengers from the wreckage."],
         title=["bus"], countries=["IN"], topics=["disaster-accident"], date="2026-03-04"),
])

digest("r5-teasers-wrapped-2026-01-22", "2026-01-22", blank=True, stories=[
    dict(p=["Canada’s federal government yesterday announced a C$2 billion fund to\nhelp steel and aluminium makers hit by US tariffs find new markets in\nEurope and Asia."],
         title=["Canada"], countries=["CA", "US"], topics=["economy-business-finance"], date="2026-01-21"),
    dict(p=["A magnitude 6.4 earthquake struck off the coast of Hokkaido on\nWednesday, shaking buildings in Sapporo but causing no tsunami, the\nJapan Meteorological Agency said."],
         title=["earthquake"], countries=["JP"], topics=["disaster-accident"], date="2026-01-21"),
    dict(p=["Hundreds of farmers drove tractors into central Brussels to protest\nagainst a trade deal between the EU and South American countries,\nblocking roads near the European Parliament."],
         title=["farmers"], countries=["BE"], topics=["economy-business-finance"], date="2026-01-22"),
    dict(p=["Poland’s president vetoed a bill that would have lowered taxes on\nsmall businesses, saying it would cost the budget too much. The\ngovernment said it would send the bill back to parliament."],
         title=["Poland"], countries=["PL"], topics=["politics"], date="2026-01-22"),
])

digest("r5-three-leads-no-kicker-2026-02-26", "2026-02-26", stories=[
    dict(p=["South Africa’s state power utility Eskom yesterday announced the longest rolling blackouts in two years after breakdowns at four coal-fired plants cut supply by a fifth.",
            "Households in Johannesburg and Cape Town face up to eight hours a day without electricity until at least the weekend, the company said.",
            "“We apologise to our customers, but the system cannot carry the load,” chief executive Dan Marokane told reporters.",
            "The energy ministry said emergency purchases of diesel for backup generators had been approved.",
            "In Pretoria, business groups warned that the outages would cost the economy about 1 billion rand a day.",
            "Load-shedding, as the cuts are known, was suspended for most of last year after several units were repaired."],
         title=["Eskom"], countries=["ZA"], topics=["economy-business-finance"], date="2026-02-25"),
    dict(p=["Indonesia’s central bank unexpectedly cut its benchmark interest rate by 25 basis points on Wednesday to 5.25 percent, saying it wanted to support growth as exports slowed.",
            "Bank Indonesia governor Perry Warjiyo said inflation would stay within the target range of 1.5 to 3.5 percent this year.",
            "Most of the 30 economists polled before the meeting had expected no change.",
            "2025 was the first year since the pandemic in which the economy grew by less than 5 percent, official data showed this month.",
            "In Jakarta, shares of the largest lenders rose after the announcement, while the rupiah weakened slightly against the dollar."],
         title=["Indonesia"], countries=["ID"], topics=["economy-business-finance"], date="2026-02-25"),
    dict(p=["Australia beat India by six wickets in the third Test in Melbourne yesterday to take a 2-1 lead in the five-match series, with Travis Head scoring an unbeaten century.",
            "Chasing 241 to win on the final day, the home side lost two early wickets before Head and Mitchell Marsh added 140 for the fourth wicket.",
            "“It was one of the best innings I have seen on this ground,” captain Pat Cummins said.",
            "India captain Shubman Gill said his bowlers had done their job but the batsmen had let the team down.",
            "The series moves to Sydney next week."],
         title=["Australia"], countries=["AU", "IN"], topics=["sport"], date="2026-02-25"),
])

digest("r5-two-leads-blank-2026-03-19", "2026-03-19", blank=True, stories=[
    dict(p=["German Chancellor Friedrich Merz yesterday survived a confidence vote in the Bundestag, winning 329 of 630 votes after his coalition partners closed ranks over a disputed pension reform.",
            "The vote had been called after weeks of open disagreement between the Christian Democrats and the Social Democrats over the cost of raising state pensions.",
            "“This government will finish its work,” Merz told lawmakers before the vote.",
            "Opposition leaders said the result had only delayed the coalition’s collapse.",
            "Berlin’s borrowing costs fell slightly after the result was announced."],
         title=["Merz"], countries=["DE"], topics=["politics"], date="2026-03-18"),
    dict(p=["Mexico City authorities on Wednesday announced water rationing for 1.5 million residents in the east of the capital after the reservoirs that supply the city fell to their lowest level on record.",
            "Supplies will be cut for 12 hours twice a week from next month, the city’s water agency said.",
            "The Cutzamala system, a network of dams and pumping stations, is at 28 percent of capacity.",
            "Scientists say years of drought and leaking pipes, which lose about 40 percent of the water, are to blame."],
         title=["water rationing"], countries=["MX"], topics=["environment"], date="2026-03-18"),
    dict(p=["Kenyan runners swept the top five places in the women’s race at the Tokyo Marathon on Sunday, with the winner finishing in 2 hours 16 minutes, a course record."],
         title=["Tokyo Marathon"], countries=["KE", "JP"], topics=["sport"], date="2026-03-15"),
])

digest("r5-lead-then-teasers-2026-01-08", "2026-01-08", known_title_failure=(
    "the wage bill's title ends at 'draft bill' (what it does is in the relative clause)"), stories=[
    dict(p=["The Executive Yuan yesterday approved a draft bill that would raise the minimum monthly wage to NT$30,000 from next year, the largest increase in a decade.",
            "Minister of Labor Hung Sun-han said the increase would benefit about 2.4 million workers.",
            "Employers’ groups said small businesses would struggle to absorb the cost and urged the government to offer tax breaks.",
            "The Chinese Nationalist Party (KMT) said it supported the increase but wanted more help for small firms.",
            "Under the bill, the hourly minimum wage would rise to NT$196.",
            "Taiwan’s minimum wage has been raised every year since 2016."],
         title=["minimum"], countries=["TW"], topics=["economy-business-finance"], date="2026-01-07"),
    dict(p=["Police in Kaohsiung yesterday detained a man suspected of setting fire to six scooters outside an apartment building in Sanmin District, forcing residents to flee in the early morning."],
         title=["Kaohsiung"], countries=["TW"], topics=["crime-law-justice"], date="2026-01-07"),
    dict(p=["Taiwan Semiconductor Manufacturing Co said its revenue in December rose 20 percent from a year earlier to a record, driven by orders for chips used in artificial intelligence."],
         title=["Taiwan Semiconductor"], countries=["TW"], topics=["economy-business-finance"], date="2026-01-08"),
    dict(p=["The Central Weather Administration said a strong cold air mass would bring temperatures as low as 8°C to northern Taiwan this weekend, and warned farmers to protect their crops."],
         title=["cold"], countries=["TW"], topics=["weather"], date="2026-01-08"),
])

digest("r5-long-teasers-mixed-2026-02-05", "2026-02-05", stories=[
    dict(p=["Nearly 3,000 flights were cancelled across the US yesterday as a winter storm brought heavy snow and freezing rain from Texas to the East Coast, according to the tracking website FlightAware. Schools closed in Atlanta and Washington, and the authorities in five states declared emergencies. Forecasters said temperatures would stay below freezing until the weekend."],
         title=["flights"], countries=["US"], topics=["weather"], date="2026-02-04"),
    dict(p=["Italian Prime Minister Giorgia Meloni said on Tuesday her government would hold a referendum next year on a reform of the justice system that separates the careers of judges and prosecutors. Opposition parties said the reform would weaken the independence of the courts. The magistrates’ association called a strike for next month."],
         title=["Meloni"], countries=["IT"], topics=["politics"], date="2026-02-03"),
    dict(p=["The price of cocoa fell 9 percent yesterday to its lowest level in two years as rain improved the outlook for harvests in Ivory Coast and Ghana, the world’s two largest producers. Chocolate makers have raised their prices several times since 2024, and traders said shoppers might not see the benefit for months."],
         title=["cocoa"], countries=["CI", "GH"], topics=["economy-business-finance"], date="2026-02-04"),
    dict(p=["Norway won the European men’s handball championship for the first time on Sunday, beating Denmark 30-28 in the final in Herning."],
         title=["Norway"], countries=["NO", "DK"], topics=["sport"], date="2026-02-01"),
    dict(p=["Scientists at the University of Tokyo said they had grown tooth enamel in the laboratory for the first time, a step that could one day let dentists repair decay without fillings."],
         title=["enamel"], countries=["JP"], topics=["science-technology"], date="2026-02-05"),
])

digest("r5-reactions-one-per-line-2026-03-26", "2026-03-26", stories=[
    dict(p=["Soldiers in Guinea-Bissau yesterday seized the presidential palace in Bissau and announced on state television that they had dissolved the government and closed the country’s borders.",
            "Gunfire was heard near the palace for several hours before a group of officers calling themselves the High Command for the Restoration of Order read a statement.",
            "The whereabouts of the president were not known.",
            "African Union Commission chairman Mahmoud Ali Youssouf condemned the takeover and called for the immediate release of all detained officials.",
            "Portugal, the former colonial power, urged calm and advised its citizens to stay indoors.",
            "ECOWAS, the West African regional bloc, said it would send a delegation of heads of state to Bissau this week.",
            "The country has had at least nine coups or attempted coups since independence in 1974."],
         title=["Guinea-Bissau"], countries=["GW", "PT"], topics=["politics"], date="2026-03-25"),
    dict(p=["A turboprop passenger plane carrying 48 people skidded off the runway while landing in heavy rain at Kathmandu’s airport on Wednesday, injuring 11, officials said.",
            "The ATR 72, arriving from Pokhara, came to rest on the grass beside the runway with its nose gear broken.",
            "Civil Aviation Authority of Nepal spokesman Gyanendra Bhul said all the passengers and four crew members had been evacuated.",
            "Flights were suspended for four hours while the aircraft was removed.",
            "Nepal has one of the worst air safety records in the world, and its airlines are barred from flying to the EU."],
         title=["plane"], countries=["NP"], topics=["disaster-accident"], date="2026-03-25"),
    dict(p=["Colombia’s Liberal Party yesterday chose Senator Laura Cárdenas as its candidate for the presidential election in May, the first woman to lead the party’s ticket.",
            "Cárdenas, 52, won 61 percent of the votes of party delegates at a convention in Medellin.",
            "Rival candidate Andrés Ortiz yesterday named a former defence minister as his running mate, as the race tightened.",
            "“The country needs security and jobs, and I will deliver both,” Cárdenas told supporters.",
            "Polls show no candidate close to the 50 percent needed to avoid a runoff."],
         title=["Liberal Party"], countries=["CO"], topics=["politics"], date="2026-03-25"),
])

digest("r5-reactions-wrapped-2026-04-02", "2026-04-02", blank=True, stories=[
    dict(p=["A car bomb exploded outside a police station in the Pakistani city of\nQuetta yesterday, killing at least 14 people and wounding more than 30,\nprovincial officials said.",
            "No group immediately claimed responsibility for the attack, the\ndeadliest in the province this year.",
            "Pakistan’s interior minister condemned the bombing and ordered security\nforces to hunt down those responsible.",
            "In Islamabad, the US embassy said it stood with the people of Pakistan\nagainst terrorism.",
            "Balochistan has seen a rise in attacks by separatist militants in the\npast two years."],
         title=["bomb"], countries=["PK"], topics=["conflict-war-peace"], date="2026-04-01"),
    dict(p=["China launched three astronauts to its Tiangong space station on\nWednesday for a six-month mission, state media said.",
            "The crew will carry out experiments in the life sciences and test\nequipment for a planned crewed landing on the Moon before 2030.",
            "Lin Xiqiang, a spokesman for the China Manned Space Agency, said the\nlaunch had been a complete success.",
            "Beijing has spent billions on its space programme as it competes with\nthe US."],
         title=["China"], countries=["CN"], topics=["science-technology"], date="2026-04-01"),
    dict(p=["Hungary’s parliament voted to leave the International Criminal Court,\nmaking it the first EU member to do so."],
         title=["Hungary"], countries=["HU"], topics=["politics"], date="2026-04-02"),
])

digest("r5-pegless-teasers-2026-04-09", "2026-04-09", stories=[
    dict(p=["Airbus said it delivered 67 commercial aircraft in March, bringing its total for the first quarter to 136, as engine shortages continued to hold back production."],
         title=["Airbus"], countries=["FR"], topics=["economy-business-finance"], date="2026-04-09"),
    dict(p=["The World Health Organization said measles cases in Europe and Central Asia doubled last year to the highest level in more than 25 years."],
         title=["measles"], countries=[], topics=["health"], date="2026-04-09"),
    dict(p=["Kenya’s tea exports fell by a fifth in the first two months of the year after heavy rains damaged crops in the highlands, the tea board said."],
         title=["tea"], countries=["KE"], topics=["economy-business-finance"], date="2026-04-09"),
    dict(p=["Archaeologists in Egypt said they had uncovered a 3,000-year-old pottery workshop near Luxor, with kilns and hundreds of unfinished vessels."],
         title=["Egypt"], countries=["EG"], topics=["arts-culture"], date="2026-04-09"),
    dict(p=["Thousands of commuters in Lagos were stranded after a strike by bus drivers over unpaid wages shut down most of the city’s public transport."],
         title=["Lagos"], countries=["NG"], topics=["labour"], date="2026-04-09"),
    dict(p=["The Swiss parliament approved a law requiring large companies to report on the risks their business poses to the climate."],
         title=["Swiss"], countries=["CH"], topics=["environment"], date="2026-04-09"),
])


# Round 6: digests written fresh for a look at ingest as a newsroom would meet it (each found a
# fault, fixed with its own test); labelled here so the segmenter trains on them too.
digest("r6-leads-byline-kickers-2024-03-08", "2024-03-08", stories=[
    dict(p=["Sweden yesterday formally joined NATO, ending two centuries of military non-alignment and completing a historic shift in European security prompted by Russia’s full-scale invasion of Ukraine.",
            "Swedish Prime Minister Ulf Kristersson handed over the accession documents at a ceremony at the US Department of State in Washington, where US Secretary of State Antony Blinken said that “good things come to those who wait.”",
            "Photo: Reuters",
            "Kristersson said Sweden would “share burdens, responsibility and risks” with its allies.",
            "Hungary was the last member of the alliance to ratify Sweden’s application, after months of delays that frustrated other members."],
         title=["Sweden", "NATO"], countries=["SE"], topics=["politics"], date="2024-03-07"),
    dict(p=["Staff writer, with CNA",
            "The Legislative Yuan yesterday passed an amendment to the Civil Servants Election and Recall Act that raises the threshold for a recall vote, after a heated debate that stretched past midnight.",
            "Under the amendment, a recall petition would need signatures from 15 percent of eligible voters in the first stage, up from 1 percent.",
            "Democratic Progressive Party legislators said the change would deprive voters of their rights, and vowed to ask the Constitutional Court to review it.",
            "Chinese Nationalist Party (KMT) caucus whip Fu Kun-chi said the amendment would prevent abuse of the recall system."],
         title=["Legislative Yuan"], countries=["TW"], topics=["politics"], date="2024-03-07"),
    dict(p=["EARTHQUAKE: A magnitude 6.1 earthquake struck off Yilan County early yesterday, the Central Weather Administration said, shaking buildings in Taipei but causing no reports of damage. The quake was centered 30km east of the county at a depth of 25km. It was the strongest to strike the area since"],
         kicker="EARTHQUAKE", title=["Yilan County"], countries=["TW"], topics=["disaster-accident"], date="2024-03-07"),
    dict(p=["Apple Inc said it would pay US$490 million to settle a lawsuit accusing chief executive Tim Cook of defrauding shareholders by hiding falling demand for iPhones in China."],
         title=["Apple"], countries=["US"], topics=["economy-business-finance"], date="2024-03-08"),
    dict(p=["Japan’s economy narrowly avoided a recession in the final quarter of last year, revised government data showed yesterday, as business investment rose more than initially estimated. Gross domestic product grew at an annualized rate of 0.4 percent in the October-to-December period, compared with a preliminary reading of a 0.4 percent"],
         title=["Japan"], countries=["JP"], topics=["economy-business-finance"], date="2024-03-07"),
])

digest("r6-wrapped-crlf-french-wire-2024-12-06", "2024-12-06", eol="\r\n", blank=True, wrap=72, stories=[
    dict(p=["Thousands of people marched through central Seoul yesterday to demand the resignation of President Yoon Suk Yeol, a day after his brief declaration of martial law plunged the country into its deepest political crisis in decades.",
            "Opposition parties submitted a motion to impeach Yoon, which could be put to a vote as early as Saturday. The motion needs the support of at least eight lawmakers from Yoon’s own People Power Party to pass.",
            "Yoon, who lifted the decree about six hours after announcing it, has not appeared in public since. His defense minister offered to resign and took responsibility for the turmoil.",
            "“This is an act of rebellion,” Democratic Party leader Lee Jae-myung told a rally outside the National Assembly."],
         title=["Seoul"], countries=["KR"], topics=["politics"], date="2024-12-05"),
    dict(p=["Staff writer, with CNA",   # between two leads it opens the second (as in the eval digests)
            "Notre-Dame cathedral in Paris reopened its doors to the public yesterday for the first time since a fire devastated it in April 2019, after a five-year restoration that drew on the work of about 2,000 craftspeople.",
            "French President Emmanuel Macron thanked firefighters and builders in a speech inside the cathedral, attended by heads of state including US President-elect Donald Trump.",
            "The restoration cost about 700 million euros, paid for by donations from 150 countries."],
         title=["Notre-Dame"], countries=["FR"], topics=["arts-culture"], date="2024-12-05"),
    dict(p=["PARIS (AFP) - Le gouvernement de Michel Barnier a été renversé mercredi par l’Assemblée nationale, qui a adopté une motion de censure par 331 voix, une première depuis 1962."],
         title=["Barnier"], countries=["FR"], topics=["politics"], date="2024-12-04"),
    dict(p=["Syrian rebels said they had captured the city of Hama, the fourth-largest in the country, after days of fighting with government forces, in a major blow to President Bashar al-Assad."],
         title=["Syrian rebels"], countries=["SY"], topics=["conflict-war-peace"], date="2024-12-06"),
])

digest("r6-byline-first-quoted-kickers-2023-10-09", "2023-10-09", stories=[
    dict(p=["By Lin Chia-nan / Staff reporter",
            "Israel yesterday formally declared war on Hamas and struck hundreds of targets in the Gaza Strip, a day after the Palestinian militant group launched the deadliest attack on Israel in decades, killing at least 700 people and taking dozens of hostages.",
            "Israeli Prime Minister Benjamin Netanyahu warned of a “long and difficult war” and ordered a complete siege of Gaza, cutting off electricity, food and fuel to the territory of 2.3 million people.",
            "In Washington, US President Joe Biden said the US would send more military aid to Israel and ordered an aircraft carrier group to the eastern Mediterranean.",
            "“This is a war we did not want,” Netanyahu said in a televised address.",
            "Gaza’s health ministry said at least 413 Palestinians had been killed in the Israeli strikes, including 78 children.",
            "Photo: AFP",
            "Taiwan’s Ministry of Foreign Affairs condemned the attack and said it had set up an emergency response team to assist about 100 Taiwanese in Israel.",
            "The ministry said there had been no reports of Taiwanese casualties."],
         title=["Israel", "Hamas"], countries=["IL", "PS"], topics=["conflict-war-peace"], date="2023-10-08"),
    dict(p=["‘US-CHINA’ TIES: Chinese Vice President Han Zheng met US Senate Majority Leader Chuck Schumer in Beijing Schumer told Han that he was “deeply disappointed” that China had not expressed sympathy for Israel after the attacks, as a bipartisan delegation of six US senators"],
         kicker="‘US-CHINA’ TIES", title=["Han", "Schumer"], countries=["CN", "US"], topics=["politics"], date="2023-10-09"),
    dict(p=["COVID-19: Taiwan to end mask rule on public transport Passengers on public transport will no longer be required to wear masks from next week, the Central Epidemic Command Center said yesterday, citing a decline in the number of"],
         kicker="COVID-19", title=["mask"], countries=["TW"], topics=["health"], date="2023-10-08"),
    dict(p=["Claudia Goldin, an economic historian at Harvard University, won the Nobel Prize in Economics yesterday for research on women’s pay and participation in the labor market."],
         title=["Goldin"], countries=["US"], topics=["economy-business-finance"], date="2023-10-08"),
    dict(p=["SEOUL (Reuters) - North Korea yesterday condemned the US for sending an aircraft carrier to South Korea, saying the deployment could trigger a nuclear war on the Korean Peninsula."],
         title=["North Korea"], countries=["KP", "US", "KR"], topics=["conflict-war-peace"], date="2023-10-08"),
    dict(p=["能登半島で震度5強の地震があり、気象庁によると震源の深さは約10キロ。津波の心配はないという。",
            "Additional reporting by Reuters"],
         countries=["JP"], topics=["disaster-accident"], date="2023-10-09"),
])

digest("r6-wrapped-no-blank-lines-mixed-2024-11-19", "2024-11-19", wrap=70, stories=[
    dict(p=["KYIV (Reuters) - Russia launched one of its largest air attacks of the war on Ukraine’s energy system overnight, firing more than 100 missiles and a similar number of drones at power plants and substations across the country, Ukrainian officials said on Monday.",
            "Ukrenergo, the national grid operator, imposed emergency power cuts in several regions, including Kyiv, where residents sheltered in metro stations as air raid sirens sounded for more than eight hours.",
            "President Volodymyr Zelenskiy called on Western allies to speed up deliveries of air defense systems. “Every day of delay costs lives,” he said in a video address.",
            "Poland scrambled fighter jets as a precaution, its military said, after a missile briefly entered Polish airspace near the border town of Hrubieszow."],
         title=["Russia"], countries=["UA", "RU"], topics=["conflict-war-peace"], date="2024-11-18"),
    dict(p=["El Gobierno de España aprobó ayer un paquete de ayudas de 10.600 millones de euros para los afectados por la dana que devastó la provincia de Valencia a finales de octubre.",
            "El presidente Pedro Sánchez dijo que las ayudas llegarán “de forma inmediata” a las familias y empresas que lo perdieron todo."],
         title=["España"], countries=["ES"], topics=["politics"], date="2024-11-18"),
    dict(p=["‘F-16’ DEAL: The US State Department approved the possible sale of F-16 fighter jet parts worth US$320 million to Taiwan, the Ministry of National Defense said yesterday, as China stepped up military pressure on the nation"],
         kicker="‘F-16’ DEAL", title=["F-16"], countries=["US", "TW"], topics=["conflict-war-peace"], date="2024-11-18"),
    dict(p=["Typhoon Kong-rey made landfall in Taitung County yesterday afternoon as the strongest storm to hit Taiwan in nearly three decades, leaving one person dead and more than 200 injured."],
         title=["Typhoon Kong-rey"], countries=["TW"], topics=["weather"], date="2024-11-18"),
    dict(p=["서울 도심에서 어제 대규모 집회가 열려 수만 명이 참가했다고 경찰이 밝혔다."],
         countries=["KR"], topics=["politics"], date="2024-11-18"),
])


digest("r6-kicker-teasers-pegless-blank-lines-2024-07-16", "2024-07-16", blank=True, trailing=True, stories=[
    dict(p=["‘HISTORIC’ PACT: Japan and the Philippines sign defense deal Japan and the Philippines yesterday signed an agreement that allows their troops to train on each other’s territory, as both countries face growing pressure from China in the region."],
         kicker="‘HISTORIC’ PACT", title=["Japan", "Philippines"], countries=["JP", "PH"], topics=["conflict-war-peace"], date="2024-07-15"),
    dict(p=["CROSS-STRAIT: China sanctions US defense firms The Chinese Ministry of Commerce yesterday added 11 US defense companies to its unreliable entity list over arms sales to Taiwan, barring them from trading with China."],
         kicker="CROSS-STRAIT", title=["China"], countries=["CN", "US", "TW"], topics=["conflict-war-peace"], date="2024-07-15"),
    dict(p=["The Financial Supervisory Commission said bank lending to property developers rose 8 percent last year, despite measures to cool the housing market."],
         title=["lending"], countries=["TW"], topics=["economy-business-finance"], date="2024-07-16"),
    dict(p=["TENNIS: Hsieh Su-wei wins mixed doubles title at Wimbledon Taiwan’s Hsieh Su-wei and Poland’s Jan Zielinski won the Wimbledon mixed doubles title on Sunday, beating Mexico’s Santiago Gonzalez and Giuliana Olmos 6-4, 6-2."],
         kicker="TENNIS", title=["Hsieh"], countries=["TW", "GB"], topics=["sport"], date="2024-07-14"),
    dict(p=["2024 OLYMPICS: Paris prepares for opening ceremony on the Seine More than 300,000 spectators are expected to line the banks of the Seine on Friday for the opening ceremony of the Paris Olympics, the first held outside a stadium"],
         kicker="2024 OLYMPICS", title=["Paris"], countries=["FR"], topics=["sport"], date="2024-07-16"),
    dict(p=["Eight people died and dozens were injured when a bus carrying pilgrims plunged into a ravine in northern India, police said."],
         title=["bus"], countries=["IN"], topics=["disaster-accident"], date="2024-07-16"),
])


def _render(spec: dict) -> tuple[bytes, list[dict]]:
    eol = spec["eol"]
    out_lines: list[str] = []
    expected = []
    for story in spec["stories"]:
        first = None
        for i, paragraph in enumerate(story["p"]):
            if out_lines and (spec["blank"] is True or spec["blank"] == "stories" and i == 0):
                out_lines.append("")
            physical_lines = textwrap.wrap(paragraph, spec["wrap"]) if spec["wrap"] else paragraph.split("\n")
            for physical in physical_lines:
                text = physical
                if spec["nbsp"]:
                    text = text.replace(" the ", " the\u00a0", 1)
                if spec["trailing"]:
                    text += "  "
                out_lines.append(text)
                if first is None:
                    first = len(out_lines)
        entry = {"lines": [first, len(out_lines)]}
        for key in ("kicker", "title", "countries", "topics", "date"):
            if key in story:
                entry[key] = story[key]
        expected.append(entry)
    text = eol.join(out_lines) + (eol if spec["final_newline"] else "")
    data = text.encode("utf-8")
    if spec["bom"]:
        data = b"\xef\xbb\xbf" + data
    return data, expected


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for name, spec in DIGESTS.items():
        data, expected = _render(spec)
        (HERE / f"{name}.txt").write_bytes(data)
        (HERE / f"{name}.expected.json").write_text(
            json.dumps({"edition": spec["edition"], "segments": expected,
                        **{key: spec[key] for key in ("known_failure", "known_title_failure") if spec[key]}},
                       ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")


if __name__ == "__main__":
    main()

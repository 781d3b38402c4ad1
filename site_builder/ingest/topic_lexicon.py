"""The topic lexicon: weighted terms for each IPTC Media Topic (top level), keyed by IPTC code.

Format (read by topics.py): terms separated by blanks; a plain term also matches its
-s/-es/-ed/-ing/-d forms, a term ending in * any continuation ("elect*"), "=3" gives a weight
(default 1), "_" joins the words of a phrase ("peace_deal=3"); lower-case terms match any case,
capitalised names and acronyms only as written ("WHO" is not "who"). Chinese, Japanese and
Korean terms match as substrings. English first, with French and Spanish; German, Japanese and
Korean are merged in from the tables below. Teaching ingest a word is a one-line edit here.
"""

from __future__ import annotations

__all__ = ["LEXICON"]

LEXICON: dict[str, str] = {
    # politics
    "11000000": """
        gouvernement=2 gobierno=2 élection*=3 elección=3 elecciones=3 ministre*=2 ministro*=2 président*=2 presidente*=2 présidente parlement=2 parlamento=2 député*=2 diputado*=2 sénat senado vote_de_confiance=3 opposition=1 oposición=2 dissolution=2 politique*=2 política*=2 cumbre=2 sommet=2 diplomatique* diplomático*
        politic* politician* government=2 parliament* lawmaker* legislator* legislature
        election=3 elect* vote* voter* ballot* referendum* campaign* candidate* poll
        president=2 presidential=2 premier=2 prime_minister=2 minister*=2 ministry cabinet=2 diplomat* diplomacy=2
        democrac*=2 in_office=2 taoiseach=2 speech=1 monarch=2 monarchy=2 throne=2 coronation=2 reign*=1.5
        foreign_policy foreign_minister embassy ambassador* envoy summit=2 sanction* treaty
        party=0.5 opposition=2 coalition=1.5 senate senator* congress* congressional governor mayor
        democratic authoritarian* chancellor=2 Bundestag=2 bill=1.5 legislation=2 sovereignty independence annex* recall* impeach*
        Kremlin=1.5 White_House=1.5 Downing_Street=1.5 Control_Yuan=2 Legislative_Yuan=2
        Executive_Yuan=1.5 Kuomintang=1.5 KMT=1.5 DPP=1.5 watchdog resign* abuse_of_power=2
        secretary-general spokesperson spokesman spokeswoman administration policy policies
        bilateral geopolitic* tariff* regime* constitution* state_visit talks=1 negotiat* deal=0.5
        signed_into_law=3 signs_into_law=3 veto*=2 took_office=2 taking_office=2 take_office=2 inaugurat*=2
        政府 總統 总统 立法院 監察院 行政院 選舉 选举 外交 國會 国会 政黨 政党 國民黨 民進黨 部長 部长 罷免 罢免
        在野黨 在野党 執政黨 执政党 朝野
    """,
    # conflict, war and peace
    "16000000": """
        guerre=3 guerra=3 armée=2 ejército=2 militaire*=2 militar=2 militares=2 soldat*=2 soldado*=2 frappe*=2 bombardement*=3 bombardeo*=3 otan=2 défense=2 defensa=2
        war=3 wars warfare=2 military=2 militar* army=2 armies navy=2 naval=2 air_force=2 troops=3
        soldier*=2 armed_forces=2 armed=1.5 ceasefire=3 truce=3 peace_deal=3 peace_talks=3
        peace_agreement=3 peace=1.5 invasion=3 invade* occupation=2 occupied annexation=2
        airstrike*=3 air_strike*=3 missile*=3 drone*=1.5 bomb*=2 shelling=3 artillery=3
        offensive=2 frontline*=2 front_line*=2 battle*=2 combat* insurg* rebel*=2 militant*=2
        terror*=2 guerrilla* demilitari*=3 defense=2 defence=2 defense_industry=2 warship*=3
        aircraft_carrier=3 carrier_strike_group=3 freedom_of_navigation=3 Royal_Navy=2
        NATO=2 Pentagon=2 General_Staff=2 Major_General=2 general=0.5 admiral=2 surrender*=2
        People's_Liberation_Army=3 People’s_Liberation_Army=3 PLA=2 conflict*=2 hostage*=2
        genocide=2 refugee*=1 protest*=1.5 protester*=2 demonstrat*=1.5 riot*=2 tear_gas=3
        unrest=3 crackdown=1.5 cyberwarfare=2 espionage=2 spy=2 spies=2 national_security=2
        assassinat*=2 explosive_device=2 killed=1 security_forces=2 weapon*=2 nuclear_weapon*=3
        annexation=2 territor*=1 Crimea=1.5 Ukraine=0.5 Gaza=1 Hamas=2 Hezbollah=2 Houthi*=2
        戰爭 战争 軍隊 军队 軍事 军事 解放軍 解放军 國軍 飛彈 导弹 停火 和平 國防 国防 侵略 空襲 空袭 無人機 无人机
    """,
    # crime, law and justice
    "02000000": """
        police=2 policía=2 tribunal=2 tribunaux juez=2 jueces=2 juge=2 juges=2 corte=2 cour=1.5 fallo=2 apelación=2 apelaciones=2 amparo=2 sentencia=3 demanda=1 inconstitucional=3 magistrat*=2 procès=3 juicio=3 condamné*=3 condenado*=3 arrêté*=2 detenido*=2 enquête=2 investigación=1.5 corruption=3 corrupción=3 fraude=3 prisión=3 prison=3
        crime*=2 criminal*=2 police=2 policeman polic* arrest*=3 detain*=2 detention charged=2 charge*=1
        court=2 courts judge*=2 justice* trial=3 verdict=3 sentenc*=3 convict*=3 guilty=3
        acquit*=3 prosecut*=3 indict*=3 lawsuit*=3 sue sued lawyer*=1.5 attorney*=1.5 law=1
        illegal*=2 unlawful* investigat*=1.5 investigator*=1.5 suspect*=2 warrant*=3 bounty=2
        murder*=3 homicide*=3 fraud*=3 brib*=3 corrupt*=3 embezzl*=3 smuggl*=3 traffick*=3
        theft=3 robber*=3 stolen=2 steal* prison*=3 jail*=3 inmate*=2 misuse*=2 misconduct=2
        abuse_of_power=2 allegation*=1 allegedly=1.5 alleged=1 accused=1.5 scam*=3 hack*=1.5
        cyberattack*=1.5 High_Court=3 Supreme_Court=3 District_Court=3 Public_Security_Bureau=2
        National_Security_Act=2 breach*=1 Act=0.5 extradit*=3 gang*=2 shooting*=2 stabbing*=3
        kidnap*=3 abduct*=3 hijack*=3 ransom=2 secuestr*=3 enlèvement*=3
        法院 判決 判决 起訴 起诉 檢察 检察 警方 警察 逮捕 犯罪 詐騙 诈骗 貪污 贪污 賄賂 贿赂 判刑 有期徒刑 涉嫌 羈押
    """,
    # economy, business and finance
    "04000000": """
        économie=3 économique*=3 economía=3 económic*=3 inflación=3 précios precios=2 prix=1.5 marché*=2 mercado*=2 comercio=3 comercial=3 commerce=2 commercial=2 aranceles=3 arancel=3 droits_de_douane=3 entreprise*=2 empresa*=2 banque=2 banco=2 croissance=2 crecimiento=2 tasa_de_interés=3 taux=1.5 bourse=2 bolsa=1.5 exportaciones=2 exportations=2 tratado_comercial=3 poder_adquisitivo=2 estadística=1
        econom*=3 business*=2 financ*=2 market*=2 stock*=2 shares=2 investor*=2 invest*=2
        bank=2 banks banking=2 central_bank=3 interest_rate*=3 inflation=3 recession=3 GDP=3
        trade=2 trading=2 tariff*=2 export*=2 import*=2 company=1 companies=1 corporat*=1.5
        firm=1 firms=1 industry=1 industries=1 profit*=3 revenue*=3 earnings=3 sales=2
        price*=1.5 currency=2 yuan=1 dollar*=1 euro*=1 budget*=2 tax=2 taxes=2 taxation=2
        debt=2 debt_ceiling=3 debt_limit=3 default=1.5 Treasury=2 bond*=1 loan*=2 unemployment=2 jobs=1 manufactur*=2 supply_chain*=2 merger*=3
        acquisition*=2 IPO=3 startup*=2 chipmaker*=2 semiconductor*=2 TSMC=2 oil_price*=3
        energy=1 subsid*=2 fiscal=2 monetary=2 Federal_Reserve=3 consumer*=1.5 retail*=2
        chief_executive=1.5 CEO=1.5 board_of_directors=2 shareholder*=2 investors=1 Corp=1.5 Inc=1.5 valuation=2
        經濟 经济 消費 消费 消費券 消费券 港元 財政 财政 預算 预算 股市 市場 市场 企業 企业 貿易 贸易 關稅 关税 出口 投資 投资 通膨 通胀 央行 營收 营收 產業 产业
        output=2 commodit*=2 copper=2 mining=2 crude=2
        物價 物价 補貼 补贴 電費 电费 景氣 景气
    """,
    # science and technology
    "13000000": """
        science*=2 ciencia*=3 scientifique*=3 científic*=3 technologie*=3 tecnología*=3 numérique=2 digital=2 internet=2 redes_sociales=2 réseaux_sociaux=2 inteligencia_artificial=3 intelligence_artificielle=3 espace=1 espacio=1
        scien*=3 research*=2 researcher*=2 study=1 technolog*=3 tech=2 digital=2 software=3
        hardware=2 computer*=2 internet=2 online=1 cyber*=2 cybersecurity=3 cyberattack*=2
        hacker*=2 data=1 artificial_intelligence=3 AI=3 robot*=3 semiconductor*=2 chip=2 chips=2
        satellite*=2 space=1 rocket*=2 NASA=3 astronaut*=3 physic*=2 chemist*=2 biolog*=2
        genetic*=2 laborator*=2 lab=1 innovation*=2 engineer*=2 smartphone*=2 app=1 apps=1
        quantum=3 telecom*=2 social_media=3 platform*=1.5 lunar=3 moon=2 orbit*=3 lander*=3
        spacecraft=3 space_agency=3 JAXA=3
        OpenAI=3 ChatGPT=3 chatbot*=3 generative=2 Microsoft=2 Google=2 Nvidia=2 Apple=1 Samsung=1 Huawei=1.5 Meta=1 eclipse*=3 astronom*=3 telescope*=3 comet*=3 asteroid*=3 planet*=2 totality=2 denial_of_service=3 DDoS=3 malware=3 ransomware=3 launch*=1 5G=2 electronic*=1 backend=2 algorithm*=2 startup*=1
        科技 科學 科学 研究 網路 网络 網絡 資安 资安 駭客 黑客 人工智慧 人工智能 晶片 芯片 半導體 半导体 衛星 卫星
    """,
    # sport
    "15000000": """
        Tour_de_France=4 cyclis*=3 ciclis*=3 étape*=2 etapa*=1 maillot_jaune=3 Grande_Boucle=4 victoire=1 football=3 fútbol=3 futbol=3 partido=1 match=1 équipe*=1 equipo*=1 champion*=2 campeón=3 championnat=3 campeonato=3 Mondial=2 Jeux_olympiques=3 Juegos_Olímpicos=3 gol=2 goles=2
        sport*=3 football=3 soccer=3 basketball=3 baseball=3 tennis=3 golf=3 cricket=3
        rugby=3 athlet*=3 olympic*=3 Olympics=3 championship*=3 tournament*=3 league=2
        match=1 matches=1 coach*=2 player*=1.5 team=1 teams=1 goal=1 goals=1 score*=1 scored=2
        medal*=3 World_Cup=3 marathon*=3 cycling=2 swimm*=2 boxing=3 badminton=3 volleyball=3
        stadium*=2 FIFA=3 NBA=3 MLB=3 Grand_Prix=3 Formula_One=3 striker=2 season=1 win=0.5 won=0.5
        體育 体育 比賽 比赛 奧運 奥运 足球 籃球 篮球 棒球 網球 网球 冠軍 冠军 選手 选手 球隊 球队
    """,
    # weather
    "17000000": """
        météo=3 pluie*=2 lluvia*=2 tempête*=2 tormenta*=2 ouragan*=2 huracán=2 canicule=3 ola_de_calor=3 chaleur=1 calor=1 neige=2 nieve=2
        weather=3 forecast*=2 rain=2 rainfall=3 heavy_rain=3 storm*=2 typhoon*=2 hurricane*=2
        cyclone*=2 snow=2 snowfall=3 heat_wave=3 heatwave=3 temperature*=2 degrees_Celsius=2
        meteorolog*=3 Central_Weather_Administration=3 Met_Office=3 drought=1 fog=2 wind=1 winds=1
        cold_front=3 monsoon=2 humid*=2 sunny=2 cloudy=2 showers=2 thunderstorm*=3 frost=2
        flood*=1 downpour*=1.5 torrential=1.5
        天氣 天气 氣象 气象 颱風 台风 台風 降雨 豪雨 寒流 高溫 高温 低溫 低温 氣溫 气温
    """,
    # disaster, accident and emergency incident
    "03000000": """
        séisme*=3 tremblement_de_terre=3 terremoto*=3 sismo*=3 inondation*=3 inundación*=3 incendie*=2 incendio*=2 accident*=3 accidente*=3 catastrophe*=3 catástrofe*=3 secours=2 rescate=2 victimes=1 víctimas=1 magnitud=2 magnitude=2
        disaster*=3 earthquake*=3 quake*=3 tsunami*=3 flood*=3 landslide*=3 wildfire*=3
        bushfire*=3 fire=1.5 fires=1.5 blaze*=2 eruption*=3 volcan*=2 accident*=3 crash*=2
        collision=2 collided=2 derail*=3 explosion*=2 blast=1.5 collapse*=2 rescue*=2
        rescuer*=2 emergency=2 evacuat*=2 casualt*=2 death_toll=3 injured=1.5 victims=1
        burst_their_banks=3 burst_its_banks=3 burst_banks=3
        missing=1 aftershock*=3 magnitude=2 typhoon*=1.5 hurricane*=1.5 cyclone*=1.5 famine=2
        drought=1 food_aid=2 malnutrition=1.5 shipwreck*=3 capsiz*=3 outage*=3 blackout*=3 power_cut*=3 without_electricity=2 plane_crash=3 stampede*=3 humanitarian=1.5 relief=1
        地震 海嘯 海啸 水災 水灾 洪水 火災 火灾 車禍 车祸 意外 事故 爆炸 罹難 罹难 救援 災情 灾情 土石流 撤離 撤离
    """,
    # health
    "07000000": """
        santé=3 salud=3 hôpital=2 hôpitaux=2 hospital=2 médecin*=2 médico*=2 maladie*=3 enfermedad*=3 vaccin*=3 vacuna*=3 épidémie=3 epidemia=3
        health=3 healthcare=3 hospital*=2 patient*=2 doctor*=2 nurse*=2 medic*=2 disease*=3
        virus*=2 viral=1 infect*=2 pandemic*=3 epidemic*=3 vaccin*=3 COVID*=3 outbreak*=2
        cancer*=3 diabetes=3 obesity=2 mental_health=3 drug*=1 pharmac*=2 treatment*=2
        clinic*=2 surgery=2 WHO=2 World_Health_Organization=3 illness*=2 dengue=3 flu=3
        influenza=3 measles=3 HIV=3 tuberculosis=3 smoking=2 tobacco=2 nutrition=2
        abortion*=3 pregnan*=2 reproductive=2 contracepti*=2
        衛生 卫生 健康 醫院 医院 疫情 疫苗 病毒 感染 癌症 醫療 医疗 病患 患者 衛福部 卫健委
    """,
    # environment
    "06000000": """
        sécheresse=3 sequía=3 climat=3 clima=2 climatique*=3 climático*=3 environnement=3 medio_ambiente=3 pollution=3 contaminación=3 barrage*=1.5 embalse*=1.5 eau=1.5 agua=1.5 émissions=3 emisiones=3 glaciar*=3
        environment*=3 climate=3 climate_change=3 global_warming=3 emission*=3 carbon=2
        greenhouse=3 pollut*=3 renewable*=2 solar_power=2 solar_energy=2 solar_panel*=2 solar_farm*=2 wind_power=2 wind_farm*=2 fossil_fuel*=2
        coal=1.5 biodiversity=3 conservation*=2 wildlife=3 species=2 endangered=2 forest*=2
        deforestation=3 drought=3 water_shortage*=2 ocean*=1 plastic*=2 recycl*=2 waste=1 garbage=2 trash=2 landfill*=2 net_zero=3 nature=1.5 ecolog*=2
        habitat*=2 extinction=2 glacier*=3 ice_sheet*=3 sea_level*=3
        radioactive=2 radioactive_water=3 treated_water=3 wastewater=2 contaminated_water=3 radiation=1.5 tritium=3 heatwave*=1 record_heat=2 COP*=1 air_quality=3 green_energy=2 sustainab*=2 coral=2
        環境 环境 氣候 气候 碳排 排放 污染 汙染 保育 生態 生态 再生能源 綠能 绿能 減碳 减碳 垃圾=2 回收=2 環保=2 环保=2
    """,
    # arts, culture and entertainment
    "01000000": """
        cinéma=3 cine=2 musique=3 música=3 exposition=2 exposición=2 musée=3 museo=3 festival=2 livre=1 libro=1 artiste*=3 artista*=3
        art=2 arts=2 artist*=3 museum*=3 exhibition*=3 gallery=3 galleries=3 film*=2 movie*=3
        cinema=3 music*=3 musician*=3 concert*=3 singer*=3 song*=2 album*=3 band=1 theatre=3
        theater=3 actor*=3 actress*=3 director=0.5 festival*=2 novel*=2 book*=1.5 author=1.5 authors=1.5
        literature=3 poet*=3 painting*=3 sculpture*=3 heritage=2 culture=2 cultural=2 celebrity=2
        celebrities=2 Oscar*=3 Grammy*=3 television=2 TV=1 series=1 opera=3 dance*=2 fashion=1.5
        藝術 艺术 文化 電影 电影 音樂 音乐 演唱會 演唱会 展覽 展览 博物館 博物馆 歌手 演員 演员 小說 小说
    """,
    # education
    "05000000": """
        école*=2 escuela*=2 élève*=3 alumno*=2 université*=2 universidad*=2 enseignant*=3 profesor*=1 éducation=3 educación=3
        education*=3 school*=2 student*=2 teacher*=3 university=2 universities=2 college*=2
        campus*=2 curriculum=3 exam=2 exams=2 examination*=1 tuition=3 scholarship*=2 pupil*=3
        classroom*=3 academic*=2 professor*=1 graduate*=2 literacy=2 kindergarten*=3
        教育 學校 学校 學生 学生 老師 老师 教師 教师 大學 大学 考試 考试 學測 课程 課程
    """,
    # human_interest
    "08000000": """
        human_interest=3 animal*=1.5 pet=2 pets=2 dog=1.5 dogs=1.5 cat=1 cats=1 zoo=2 birthday=2
        centenarian*=3 oldest=2 record-breaking=2 heartwarming=3 viral_video=2 royal_family=2
        wedding*=2 anniversary=1 quirky=3 lottery=2 reunion=2 rescued_dog=3 panda*=2
        寵物 宠物 動物 动物 貓 狗 熊貓 熊猫 婚禮 婚礼 溫馨 温馨
    """,
    # labour
    "09000000": """
        syndicat*=3 sindicato*=3 grève*=3 huelga*=3 salaire*=3 salario*=3 travailleur*=2 trabajador*=2 chômage=3 desempleo=3 emploi=1 empleo=1
        labour=3 labor=3 worker*=2 employee*=2 employment=2 employer*=2 union*=1.5
        trade_union*=3 labor_union*=3 strike=1.5 strikes=1.5 walkout*=3 wage*=3 salary=2
        salaries=2 minimum_wage=3 pension*=2 workplace=2 layoff*=3 laid_off=3 unemployed=2
        overtime=2 migrant_worker*=3 jobless=2 retirement=2
        laboral=3 laborales=3 paro_general=3 huelga_general=3 sindical*=3 grève_générale=3 droit_du_travail=3
        勞工 劳工 工會 工会 罷工 罢工 薪資 薪资 工資 工资 基本工資 勞動部 劳动部 失業 失业 年金 退休
    """,
    # lifestyle and leisure
    "10000000": """
        lifestyle=3 leisure=3 travel*=2 tourism=3 tourist*=2 holiday*=2 vacation*=2 restaurant*=1
        food=1.5 cuisine=3 recipe*=3 chef*=2 dining=2 fashion=1.5 shopping=2 hobby=3 hobbies=3
        garden*=1.5 fitness=2 wellness=2 hotel*=1.5 cruise*=1 beauty=1.5 grooming=1 nightlife=3
        旅遊 旅游 觀光 观光 美食 餐廳 餐厅 休閒 休闲 時尚 时尚 飯店 酒店
    """,
    # religion
    "12000000": """
        église=3 iglesia=3 pape=3 papa=1 religion=3 religión=3 mosquée=3 mezquita=3
        religio*=3 church*=3 pope=3 Vatican=3 bishop*=3 priest*=3 cleric*=3 clergy=3 mosque*=3
        imam*=3 temple=1.5 temples=1.5 monk*=2 nun=2 nuns=2 Buddhis*=3 Christian*=3 Catholic*=3
        Protestant*=3 Muslim*=2 Islam*=2 Jewish=2 Judaism=3 Hindu*=3 faith=2 pilgrim*=3 Easter=2
        Ramadan=3 Christmas=1 worship*=3 Mazu=3 sect=2 synagogue*=3 cardinal*=2 conclave=3
        宗教 教會 教会 教宗 寺廟 寺庙 佛教 基督教 天主教 伊斯蘭 伊斯兰 媽祖 妈祖 信徒 清真寺
    """,
    # society
    "14000000": """
        société=2 sociedad=2 pauvreté=3 pobreza=3 logement=2 vivienda=2 migrant*=2 migrante*=2 manifestation*=1 manifestación*=1
        society=3 social=1 community=1.5 communities=1.5 family=1 families=1 population=2
        demograph*=3 birth_rate*=3 ageing=2 aging=2 poverty=3 homeless*=3 housing=2 welfare=3
        inequality=3 discriminat*=3 gender=2 women=1 LGBT*=3 same-sex=3 marriage=1.5 migrant*=2
        migration=2 immigra*=2 asylum=2 minorit*=2 racism=3 protest*=1.5 activist*=1.5
        rights=1 human_rights=2 charity=2 charities=2 volunteer*=2 elderly=2 youth=1.5 children=1
        holiday=2 holidays=2 public_holiday=3 long_weekend=2 Lunar_New_Year=3 New_Year’s_Eve=3
        New_Year's_Eve=3 Mid-Autumn=3 Tomb_Sweeping=3 Dragon_Boat=3 fireworks=1.5 countdown=1
        社會 社会 人口 少子化 高齡 高龄 貧窮 贫穷 住房 住宅 社福 婚姻 移民 性別 性别 弱勢 弱势 長照 长照
    """,
}

# German and Japanese: a compact vocabulary for each topic, like the French and Spanish one above.
# German compounds are caught by their head ("klima*": Klimaschutz, Klimawandel); Japanese terms,
# kana included, match as substrings like Chinese ones.
_GERMAN_JAPANESE: dict[str, str] = {
    "11000000": """regierung*=2 bundesregierung=2 kanzler*=2 wahl=3 wahlen=3 wahlkampf*=3 parlament*=2
        abgeordnete*=2 koalition*=1.5 außenminister*=2 bundesrat=1.5 partei*=1
        首相=2 内閣=2 選挙=3 与党=2 野党=2 政権=2 外相=2 大臣=2 衆議院=2 参議院=2 自民党=2""",
    "16000000": """krieg*=3 armee=2 bundeswehr=2 soldat*=2 waffenruhe=3 angriff*=2 rakete*=2
        戦争=3 自衛隊=2 ミサイル=3 攻撃=2 停戦=3 防衛=2""",
    "02000000": """polizei*=2 gericht*=2 festgenommen=3 festnahme=3 staatsanwalt*=3 urteil*=2 prozess=1.5
        verdächtig*=2 betrug*=3 korruption=3
        警察=2 逮捕=3 容疑者=3 裁判=2 判決=3 起訴=3 地裁=2 高裁=2 最高裁=2""",
    "04000000": """wirtschaft*=3 zins*=3 leitzins*=3 unternehmen=2 konzern*=2 aktie*=2 börse*=2
        export*=2 zölle=3 zoll=2 haushalt=1.5 preise=2 wachstum=2 notenbank=3 bank=1
        日銀=3 日本銀行=3 政策金利=3 金利=3 金融=2 経済=3 株価=3 物価=2 円安=3 円高=3 景気=2 決算=3 関税=3
        輸出=2 輸入=2""",
    "13000000": """forschung*=2 forscher*=2 wissenschaft*=2 technologie*=2 künstliche_intelligenz=3 raumfahrt=3
        研究=2 技術=2 宇宙=2 ロケット=3 人工知能=3 半導体=2""",
    "15000000": """fußball*=3 bundesliga=3 meisterschaft*=3 olympische*=3 trainer=1.5 turnier*=3
        試合=3 優勝=3 選手=2 野球=3 サッカー=3 五輪=3 大リーグ=3""",
    "17000000": """unwetter=3 sturm=2 hitzewelle=3 wetterdienst=3 gewitter=3 schnee=2
        台風=3 大雨=3 気象庁=3 猛暑=3 大雪=3""",
    "03000000": """erdbeben=3 überschwemmung*=3 hochwasser=3 unfall*=2 feuerwehr=2 waldbrand*=3 evakuier*=2
        地震=3 津波=3 事故=2 火災=3 噴火=3 避難=2""",
    "07000000": """gesundheit*=3 krankenhaus*=2 kliniken=2 arzt=2 ärzte=2 impf*=3 patient*=2 krankheit*=3
        病院=2 感染=3 ワクチン=3 医療=2 患者=2""",
    "06000000": """klima*=3 umwelt*=3 windkraft=2 erneuerbare*=2 naturschutz=3 emission*=3
        温暖化=3 気候=2 環境=2 排出=2 脱炭素=3""",
    "01000000": """ausstellung*=3 konzert*=3 theater=2 kino=2 künstler*=2
        映画=3 音楽=2 展覧会=3 アニメ=3""",
    "05000000": """schule*=2 schüler*=2 universität*=2 hochschule*=2 bildung*=3 studierende=2 lehrer*=2
        学校=2 大学=2 教育=3 生徒=2 学生=2""",
    "09000000": """streik*=3 gewerkschaft*=3 arbeitslos*=3 löhne=3 lohn=2 beschäftigte=2 mindestlohn=3
        賃金=3 雇用=3 労働=3 ストライキ=3 春闘=3 賃上げ=3""",
    "10000000": """urlaub=2 tourismus=2 reise*=1.5
        観光=2 旅行=2""",
    "12000000": """kirche*=3 papst=3 glaube*=2 religion*=3 moschee*=3
        神社=2 宗教=3 寺院=2""",
    "14000000": """gesellschaft*=2 armut=3 wohnung*=2 migration=2 flüchtling*=2 renten=2 rentner*=2
        少子高齢化=3 高齢者=2 人口=2""",
}


def _merged(base: str, extra: str) -> str:
    """base plus the terms of extra it does not already have (a term twice would count twice)."""
    have = {term.partition("=")[0] for term in base.split()}
    return base + " " + " ".join(t for t in extra.split() if t.partition("=")[0] not in have)


# Korean: digests carry Korean items too; the same compact vocabulary per topic.
_KOREAN: dict[str, str] = {
    "11000000": "정치=3 정부=2 대통령=2 국회=3 선거=3 총선=3 대선=3 여당=2 야당=2 장관=2 총리=2 외교=2 탄핵=3 의원=2",
    "16000000": "전쟁=3 군사=2 국방=2 미사일=3 북한군=2 공격=1.5 휴전=3 병력=2 계엄=3",
    "02000000": "경찰=2 검찰=3 법원=3 재판=3 체포=3 구속=3 기소=3 혐의=2 판결=3 수사=2 범죄=3",
    "04000000": "경제=3 시장=1.5 수출=2 수입=1.5 주가=3 증시=3 금리=3 물가=2 기업=2 매출=2 주문=1.5 판매=1.5 투자=2 은행=2 관세=3",
    "13000000": "과학=3 기술=2 연구=2 우주=3 위성=3 반도체=2 인공지능=3 해킹=3",
    "15000000": "스포츠=3 축구=3 야구=3 농구=3 올림픽=3 선수=2 경기=1 우승=3 감독=1",
    "17000000": "날씨=3 태풍=3 폭우=3 폭염=3 기상청=3 강풍=2 폭설=3",
    "03000000": "지진=3 화재=3 사고=2 참사=3 추락=3 실종=2 구조=2 폭발=2 홍수=3 사망자=2 희생자=2",
    "07000000": "건강=3 병원=2 의사=2 환자=2 감염=3 백신=3 질병=3 의료=2",
    "06000000": "환경=3 기후=3 탄소=2 오염=3 배출=2",
    "01000000": "문학=3 소설=3 작가=2 작품=2 서점=3 출판=3 영화=3 음악=3 공연=3 예술=3 문화=2 노벨문학상=3 전시=2",
    "05000000": "교육=3 학교=2 학생=2 대학=2 교사=2 입시=3 수능=3",
    "09000000": "노동=3 노조=3 파업=3 임금=3 일자리=2 고용=2 실업=3",
    "10000000": "관광=2 여행=2 휴가=2 음식=1.5",
    "12000000": "종교=3 교회=3 성당=3 사찰=3 목사=2 신부=2",
    "14000000": "사회=2 인구=2 저출산=3 고령화=3 복지=2 난민=2 이민=2",
}
_JAPANESE_MORE: dict[str, str] = {
    "02000000": "性加害=3 告発=2 被害者=1.5 捜査=2",
}


LEXICON = {code: _merged(_merged(_merged(terms, _GERMAN_JAPANESE.get(code, "")), _KOREAN.get(code, "")),
                         _JAPANESE_MORE.get(code, ""))
           for code, terms in LEXICON.items()}

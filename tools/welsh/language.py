"""Welsh first drafts for the `language` work: each person's language (the profile's
choice), the question bank and the journey's themes. Formal register ("chi")."""

from __future__ import annotations

from pathlib import Path

CY: dict[str, str] = {
    # The profile's language choice. The languages are named in themselves.
    "Language": "Iaith",
    "The language pairbot writes to you in. A message to your group is in Welsh and English "
    "when its members' languages differ.":
        "Yr iaith y mae pairbot yn ysgrifennu atoch ynddi. Mae neges i'ch grŵp yn Gymraeg ac "
        "yn Saesneg pan fo ieithoedd ei aelodau'n wahanol.",
    "English": "English",
    "Cymraeg": "Cymraeg",
    "Cymraeg + English": "Cymraeg + English",
    # A form field people may leave empty (the Teams cards' labels).
    "{label} (optional)": "{label} (dewisol)",
    # Slack's replies to my-data and to a submitted form.
    "Here is everything pairbot stores about you. I've sent it to you in a direct message, "
    "as a file.":
        "Dyma bopeth y mae pairbot yn ei gadw amdanoch. Rwyf wedi'i anfon atoch mewn neges "
        "uniongyrchol, fel ffeil.",
    "Your pairbot data": "Eich data pairbot",
    "Everything pairbot stores about you.": "Popeth y mae pairbot yn ei gadw amdanoch.",
    "Sorry": "Mae'n ddrwg gennym",
    "Thank you": "Diolch",
    # When a partner cannot be reached (services/delivery.py).
    "Your first match could not be reached, so pairbot found you a new one.":
        "Nid oedd modd cyrraedd eich paru cyntaf, felly mae pairbot wedi dod o hyd i un "
        "newydd i chi.",
    "Sorry: {people} can no longer be reached on this platform, so this round's introduction "
    "is off. You'll get priority in the next round.":
        "Mae'n ddrwg gennym: nid oes modd cyrraedd {people} ar y platfform hwn mwyach, felly "
        "mae cyflwyniad y cylch hwn wedi'i ganslo. Cewch flaenoriaeth yn y cylch nesaf.",
    # A question of the meeting's guide aimed at some members only.
    "For {names}: {question}": "I {names}: {question}",
}

CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {}

# The question bank (bot/core/data/icebreakers.yaml), by the question's id: its English
# text, as the catalogue holds it, is read from the bank below.
BANK: dict[str, str] = {
    # roles
    "role-01": "Pa benderfyniad yn eich wythnos nad yw pobl y tu allan i'ch rôl byth yn ei weld?",
    "role-02": "Pe bai un ohonom yn treulio diwrnod gyda chi, beth fyddai'n ein synnu fwyaf am "
               "yr hyn rydych chi'n ei wneud mewn gwirionedd?",
    "role-03": "Beth y mae pobl yn aml yn tybio y mae eich swydd yn ei olygu, nad yw'n wir?",
    "role-04": "Pe bai eich rôl yn diflannu am wythnos, beth fyddai'n methu gyntaf, a phwy "
               "fyddai'n sylwi?",
    "role-05": "Pwy sy'n trosglwyddo gwaith i chi, ac i bwy rydych chi'n ei drosglwyddo — a beth "
               "yr hoffech i bob un ohonynt ei wybod am eich rhan chi ohono?",
    "role-06": "Pa reol yn eich swydd sy'n bodoli am reswm nad yw'r rhan fwyaf o bobl yn ei "
               "wybod?",
    "role-07": "Beth y mae gennych hawl i'w benderfynu ar eich pen eich hun, a beth y mae'n rhaid "
               "i chi ei wirio gyda rhywun arall bob amser?",
    "role-08": "Pa dasg rydych chi'n ei gwneud sy'n edrych yn syml o'r tu allan ond sy'n gofyn "
               "am sgìl go iawn i'w gwneud yn dda?",
    "role-09": "Pa gwestiwn a ofynnir i chi amlaf yn y gwaith, a pha gwestiwn yr hoffech i bobl "
               "ei ofyn yn ei le?",
    "role-10": "Pa ran o'ch gwaith clinigol nad yw byth yn cyrraedd nodiadau'r claf ond sy'n "
               "gwneud y gwahaniaeth mwyaf iddo?",
    "role-11": "Sut rydych chi'n gwybod eich bod wedi gwneud penderfyniad da pan mai anaml y "
               "byddwch yn cwrdd â'r cleifion y mae'n effeithio arnynt?",
    "role-12": "Pa gorneli o'r adeilad, neu pa bobl ynddo, rydych chi'n eu hadnabod yn well na "
               "bron neb oherwydd eich swydd?",
    "role-13": "Beth rydych chi wedi'i adeiladu neu wedi gofalu amdano y mae staff yn dibynnu "
               "arno bob dydd heb wybod ei fod yno?",
    "role-14": "Beth y mae cleifion neu berthnasau'n ei ddweud wrthych na fydden nhw byth yn "
               "meddwl ei ddweud wrth neb arall yn y tîm?",
    "day-01": "Disgrifiwch awr gyntaf eich diwrnod gwaith — ble rydych chi, ac â phwy rydych "
              "chi'n siarad gyntaf?",
    "day-02": "Sut olwg sydd ar eich cynllun ar gyfer diwrnod arferol, a beth sydd wedi "
              "digwydd iddo erbyn amser cinio fel arfer?",
    "day-03": "Beth sydd yn eich poced, eich bag neu ar eich desg na allech chi fynd drwy'r "
              "dydd hebddo?",
    "day-04": "Pryd rydych chi'n cael eich egwyl mewn gwirionedd, a ble rydych chi'n mynd?",
    "day-05": "Pa foment yn eich diwrnod gwaith rydych chi'n edrych ymlaen ati fwyaf?",
    "day-06": "Â faint o wahanol bobl rydych chi'n siarad ar ddiwrnod arferol, a phwy ydyn "
              "nhw?",
    "day-07": "Pa sŵn, arogl neu olygfa sy'n dweud wrthych eich bod wedi cyrraedd y gwaith?",
    "day-08": "Beth oedd y peth mwyaf annisgwyl a ddigwyddodd i chi yn y gwaith y mis hwn?",
    "day-09": "Beth sy'n digwydd yn hanner awr olaf eich shifft neu'ch clinig, a beth rydych "
              "chi'n ymdrechu fwyaf i'w drosglwyddo'n dda?",
    "day-10": "Sut olwg sydd ar eich dyddiadur ar fore Llun, a faint ohono sy'n goroesi tan "
              "ddydd Gwener?",
    "day-11": "I ble mae diwrnod arferol yn mynd â chi o gwmpas y safle, a phwy rydych chi'n eu "
              "gweld ar y ffordd?",
    "day-12": "Sut olwg sydd ar ddigwyddiad brys neu noson ar alwad o'ch ochr chi o'r sgrin?",
    "day-13": "Sut mae eich gwaith yn newid ar shifft nos, ar benwythnos neu ar ŵyl banc?",
    "career-02": "Beth rydych chi'n ei wybod nawr yr hoffech fod rhywun wedi'i ddweud wrthych "
                 "yn eich mis cyntaf?",
    "career-05": "Pa sgìl o swydd flaenorol, neu o fywyd y tu allan i'r gwaith, sy'n "
                 "rhyfeddol o ddefnyddiol yn y swydd hon?",
    "career-07": "Beth fyddech chi'n ei ddweud wrth rywun sy'n gadael yr ysgol ac yn ystyried "
                 "gwneud eich swydd chi?",
    "roles-01": "Sut mae eich gwaith yn cyrraedd cleifion, hyd yn oed os mai anaml neu byth y "
                "byddwch yn eu gweld eich hun?",
    "roles-02": "Ar ba gydweithwyr y tu allan i waith clinigol y mae eich gofal yn dibynnu "
                "fwyaf, a beth maen nhw'n ei wneud i chi?",
    "roles-03": "Pa ran o'ch swydd na wnaeth eich hyfforddiant eich paratoi ar ei chyfer o "
                "gwbl?",
    "roles-04": "Pwy fyddech chi'n ei ffonio gyntaf pe bai rhywbeth yn mynd o'i le yn eich "
                "rhan chi o'r sefydliad?",
    "roles-05": "Pa gyfarfodydd sy'n llenwi eich wythnos, a pha rai ohonynt sy'n newid "
                "rhywbeth mewn gwirionedd?",
    "roles-06": "Pan fydd rhywun yn eich ffonio â phroblem, beth sydd angen iddynt ei ddweud "
                "wrthych gyntaf?",
    "roles-07": "Pa ran o'ch wythnos waith fyddai'n agoriad llygad mwyaf i'ch gwesteion, a "
                "pham?",
    "roles-08": "Beth yr hoffech i'ch gwesteion ei ddeall am eich rôl erbyn diwedd y tymor "
                "hwn?",
    "roles-09": "Beth rydych chi'n dychmygu y mae swydd y gwesteiwr yn ei olygu o ddydd i "
                "ddydd, a beth yr hoffech ei weld drosoch eich hun?",
    "roles-10": "Beth rydych chi'n ei wybod eisoes am y ffordd y caiff ysbyty ei redeg, a ble "
                "y dysgoch chi hynny?",
    "roles-11": "Sut mae eich gwaith gyda chlaf yn dechrau fel arfer — atgyfeiriad, bleep, "
                "rhif gwely neu gnoc ar y drws?",
    "roles-12": "Pa ran o'ch swydd i ffwrdd o gleifion — ffurflenni, galwadau ffôn, mynd ar "
                "ôl pethau — sy'n cymryd mwy o amser nag y byddai pobl yn ei ddyfalu?",
    # values
    "values-01": "Sut olwg sydd ar ddiwrnod da yn y gwaith i chi — nid diwrnod hawdd, ond "
                 "diwrnod da?",
    "values-02": "Ar beth na fyddech chi byth yn torri corneli, hyd yn oed ar eich diwrnod "
                 "prysuraf?",
    "values-03": "Pa foment yn y gwaith roeddech chi'n dawel falch ohoni na sylwodd neb arall "
                 "arni?",
    "values-04": "Beth mae “rhoi cleifion yn gyntaf” yn ei olygu'n ymarferol yn eich rôl, ar "
                 "ddiwrnod pan na fyddwch efallai'n cwrdd ag un claf?",
    "values-05": "Pwy yn eich proffesiwn rydych chi'n eu hedmygu, a beth maen nhw'n ei wneud "
                 "rydych chi'n ceisio'i efelychu?",
    "values-06": "Pan fydd dau beth sy'n bwysig i chi yn y gwaith yn tynnu i gyfeiriadau "
                 "gwahanol, sut rydych chi'n dewis rhyngddynt?",
    "values-07": "Beth y dysgodd eich hyfforddiant i chi ei werthfawrogi rydych chi'n dal i "
                 "afael ynddo, a beth rydych chi wedi'i ollwng yn dawel?",
    "values-08": "Pa fath o ddiolch neu adborth sy'n golygu fwyaf i chi, a gan bwy y daw fel "
                 "arfer?",
    "values-09": "Sut olwg sydd ar urddas ym manylion bach y gofal rydych chi'n ei roi?",
    "values-10": "Pryd y gwnaethoch chi benderfyniad a oedd yn iawn i'r sefydliad ond yn "
                 "amhoblogaidd, a sut y gwnaethoch chi ei gario?",
    "values-11": "Pa beth bach rydych chi'n ei wneud i gleifion, ymwelwyr neu gydweithwyr nad "
                 "yw yn eich disgrifiad swydd ond na fyddech chi byth yn rhoi'r gorau iddo?",
    "values-12": "Beth mae “diogel” yn ei olygu i chi pan fyddwch yn newid system y mae "
                 "clinigwyr yn dibynnu arni?",
    "career-01": "Sut y daethoch chi i'ch rôl — ai cynllun, damwain neu rywbeth yn y canol "
                 "oedd hi?",
    "career-03": "Pa berson neu foment a newidiodd gyfeiriad eich gyrfa?",
    "career-06": "Beth yw'r peth nesaf rydych chi eisiau ei ddysgu, a beth sy'n eich rhwystro?",
    "career-08": "Pa ran o'ch swydd fyddech chi'n ei cholli fwyaf pe baech chi'n gadael "
                 "yfory?",
    "career-09": "Beth a'ch denodd at eich arbenigedd neu'ch maes ymarfer, ac a fu bron i chi "
                 "ddewis rhywbeth arall erioed?",
    "career-10": "Beth y dysgodd symud i rôl arwain, neu oddi wrthi, i chi na allech fod wedi'i "
                 "ddysgu mewn unrhyw ffordd arall?",
    "career-12": "Beth a'ch daeth chi i iechyd a gofal o gefndir technegol, a beth a'ch "
                 "synnodd pan gyrhaeddoch chi?",
    "values-13": "Pa rai o werthoedd eich proffesiwn y mae pobl y tu allan iddo yn eu "
                 "camddeall amlaf?",
    "values-14": "Beth fyddai'n eich gwneud yn falch o ddweud wrth ddieithryn ble rydych chi'n "
                 "gweithio?",
    "values-15": "Pe gallech newid un peth am y ffordd y caiff eich proffesiwn ei weld, beth "
                 "fyddai hwnnw?",
    "values-16": "Beth sy'n gwneud rhywun yn gydweithiwr da yn eich maes gwaith chi?",
    "values-17": "Pryd rydych chi wedi gweld gwerthoedd datganedig eich sefydliad yn cael eu "
                 "byw go iawn, a phryd maen nhw wedi swnio'n wag?",
    "values-18": "Sut mae eich proffesiwn yn pwyso anghenion un person yn erbyn anghenion "
                 "llawer?",
    "values-19": "Beth mae ansawdd yn ei olygu yn eich gwaith, a phwy sy'n cael ei farnu?",
    "values-20": "Pa safon neu god proffesiynol sy'n llywio eich penderfyniadau fwyaf, a pha "
                 "mor aml rydych chi'n meddwl amdano mewn gwirionedd?",
    "values-21": "Am beth rydych chi wedi newid eich meddwl ers i chi ddechrau gweithio ym maes "
                 "iechyd a gofal?",
    "values-22": "Pan fyddwch wedi'ch rhwygo rhwng yr hyn y mae claf ei eisiau a'r hyn rydych "
                 "chi'n credu sydd orau iddo, beth sy'n eich arwain?",
    "values-23": "Sut olwg sydd ar ofal da pan nad oes digon o amser i'w roi yn y ffordd yr "
                 "hoffech chi?",
    "values-24": "Sut rydych chi'n cadw cleifion mewn cof pan fydd eich gwaith yn digwydd ymhell "
                 "o'r wardiau?",
    "values-25": "Sut rydych chi'n penderfynu beth i'w ddiogelu pan nad oes arian ar gyfer "
                 "popeth?",
    "values-26": "Sut olwg sydd ar waith wedi'i wneud yn dda yn eich rôl, a phwy sy'n sylwi pan "
                 "nad yw?",
    "values-27": "Beth na fyddech chi byth yn ei wneud â data cleifion, hyd yn oed pe bai "
                 "rhywun uwch yn gofyn i chi?",
    "values-28": "Beth rydych chi fwyaf eisiau i'ch gwesteion ei gofio am yr hyn y mae eich "
                 "proffesiwn yn sefyll drosto?",
    "values-29": "Pa werthoedd y bu'n rhaid i chi eu dysgu yn y swydd yn hytrach nag ar gwrs, "
                 "a sut y dysgoch chi nhw?",
    "values-30": "Beth a'ch denodd at iechyd a gofal, a sut rydych chi'n gobeithio y bydd "
                 "gweithio ynddo?",
    "values-31": "Pa werthoedd o'ch hyfforddiant hyd yma rydych chi'n disgwyl y byddant "
                 "anoddaf eu cadw wrth ymarfer?",
    "values-32": "Sut olwg sydd ar ryddhau da o'ch gofal, a phwy sy'n gwneud iddo ddigwydd?",
    "values-33": "Pryd y dysgodd claf neu berthynas rywbeth i chi a newidiodd y ffordd rydych "
                 "chi'n gweithio?",
    # challenges
    "challenges-01": "Beth yw'r rhan anoddaf o'ch swydd na fyddai byth yn ymddangos ar "
                     "boster recriwtio?",
    "challenges-02": "Pa ran o'ch gwaith rydych chi'n dal i feddwl amdani ar y ffordd adref?",
    "challenges-03": "Pan fydd y pwysau ymlaen — y gaeaf, adran lawn, terfyn amser — beth yw'r "
                     "peth cyntaf y mae'n rhaid i chi ei adael i lithro?",
    "challenges-04": "Beth yw sefyllfa yn eich rôl lle nad oes ateb cywir, dim ond yr un lleiaf "
                     "drwg?",
    "challenges-05": "Beth sy'n rhaid i chi ei wneud yn rheolaidd rydych chi'n dal i'w gael yn "
                     "anodd, ni waeth sawl gwaith rydych chi wedi'i wneud?",
    "challenges-06": "Sut mae'r pwysau yn eich rôl wedi newid dros y blynyddoedd diwethaf?",
    "challenges-07": "I beth rydych chi'n ei chael hi'n anoddaf dweud “na” yn y gwaith?",
    "challenges-08": "At bwy rydych chi'n troi am gefnogaeth pan fydd y gwaith yn anodd, ac at "
                     "bwy yr hoffech allu troi?",
    "challenges-09": "Sut rydych chi'n gofalu amdanoch eich hun ar ôl diwrnod pan aeth "
                     "rhywbeth o'i le i glaf?",
    "challenges-10": "Sut rydych chi'n cydbwyso'r targedau y cewch eich mesur yn eu herbyn â'r "
                     "hyn y mae staff ar lawr gwlad yn dweud sydd ei angen arnynt?",
    "challenges-11": "Pa ran o'ch swydd sy'n anoddach yn gorfforol neu'n emosiynol nag y mae "
                     "pobl yn ei dybio?",
    "challenges-12": "Sut brofiad yw trwsio rhywbeth sydd wedi torri tra bo ward neu glinig yn "
                     "aros amdano'r funud honno?",
    "career-11": "Pa lwybrau sydd i symud ymlaen o'ch rôl, ac a ydyn nhw mor agored ag y "
                 "dylent fod?",
    "challenges-13": "Beth mae'r gaeaf yn ei wneud i'ch gwaith, a phryd rydych chi'n sylwi arno'n "
                     "dechrau?",
    "challenges-14": "Pa ran o'ch swydd sy'n cymryd llawer mwy o amser nag y byddai neb yn ei "
                     "ddyfalu?",
    "challenges-15": "Pa darged neu derfyn amser sy'n llywio eich wythnos fwyaf, ac a yw'n "
                     "mesur y peth cywir?",
    "challenges-16": "Beth yw un broblem yn eich gwaith rydych chi wedi dysgu byw gyda hi?",
    "challenges-17": "Pan fydd eich maes yn brin o staff, pwy sy'n llenwi'r bwlch a beth sy'n "
                     "cael ei adael heb ei wneud?",
    "challenges-18": "Beth fyddech chi'n ei drwsio gyntaf pe bai gennych ryddid llwyr a chyllideb "
                     "gymedrol am flwyddyn?",
    "challenges-19": "Pa waith papur na fyddai ots gennych byth ei weld eto, a pham mae'n "
                     "bodoli?",
    "challenges-20": "Beth sy'n gwneud diwrnod anodd yn y gwaith yn oddefadwy i chi?",
    "challenges-21": "Beth sy'n eich poeni fwyaf am y flwyddyn neu ddwy nesaf yn eich rhan chi "
                     "o'r gwasanaeth?",
    "challenges-22": "Pryd y bu'n rhaid i chi drosglwyddo penderfyniad nad oeddech yn cytuno ag "
                     "ef ddiwethaf, a sut y gwnaethoch chi hynny?",
    "challenges-23": "Sut rydych chi'n penderfynu pwy i'w weld gyntaf pan fydd sawl claf eich "
                     "angen ar yr un pryd?",
    "challenges-24": "Beth sydd anoddaf am fod y person y mae cleifion a theuluoedd yn troi ato "
                     "pan fydd pethau'n mynd o chwith?",
    "challenges-25": "Faint o'ch diwrnod gwaith sy'n mynd ar chwilio am welyau, offer neu "
                     "wybodaeth yn hytrach na gofalu am gleifion?",
    "challenges-26": "Sut rydych chi'n dal ati pan fydd y pwysau ar y rheng flaen yn glanio ar "
                     "eich desg fel cwynion?",
    "challenges-27": "Sut rydych chi'n ymdopi â chael cais i arbed arian a gwella'r gwasanaeth "
                     "yn yr un flwyddyn?",
    "challenges-28": "Beth sy'n digwydd i'ch llwyth gwaith pan fydd yr ysbyty'n llawn?",
    "challenges-29": "Sut rydych chi'n dewis pa un o gant o geisiadau brys i weithio arno "
                     "gyntaf?",
    "challenges-30": "Pa her yn eich gwaith yr hoffech fwyaf i'ch gwesteion ei gweld yn agos?",
    "challenges-31": "Pa ran anodd o'ch swydd rydych chi'n credu y mae newydd-ddyfodiaid yn ei "
                     "thanbrisio fwyaf?",
    "challenges-32": "Beth rydych chi'n disgwyl ei gael anoddaf pan fyddwch yn dechrau gweithio, "
                     "neu'n dechrau eich lleoliad nesaf?",
    "challenges-33": "Beth fu'r rhan anoddaf o'ch astudiaethau neu'ch lleoliadau hyd yma?",
    "challenges-34": "Beth rydych chi'n ei wneud pan fydd claf angen rhywbeth na all eich "
                     "gwasanaeth ei roi iddo?",
    "challenges-35": "Sut mae prinder gwelyau'n newid y penderfyniadau rydych chi'n eu gwneud "
                     "am gleifion?",
    # barriers
    "barriers-01": "Pa ran o'ch swydd sy'n dibynnu fwyaf ar broffesiwn arall, a beth sy'n "
                   "gwneud i'r trosglwyddo hwnnw fynd yn dda neu'n wael?",
    "barriers-02": "Beth yw un peth y mae proffesiynau eraill yn ei wneud, â'r bwriadau gorau, "
                   "sy'n gwneud eich swydd yn anoddach?",
    "barriers-03": "Beth sy'n ei gwneud yn anodd gofyn “cwestiwn gwirion” i rywun mewn rôl "
                   "wahanol i'ch un chi?",
    "barriers-04": "Pa system, ffurflen neu feddalwedd sy'n dod rhyngoch chi a'r bobl rydych "
                   "chi'n gweithio gyda nhw?",
    "barriers-05": "Pryd y gwnaeth hierarchaeth, go iawn neu ddychmygol, atal rhywun rhag "
                   "codi llais ddiwethaf — a beth fyddai wedi helpu?",
    "barriers-06": "Pa air neu acronym o'ch proffesiwn y byddai'r lleill yma'n ei ddeall yn "
                   "wahanol, neu ddim o gwbl?",
    "barriers-07": "Pe gallech eistedd mewn un cyfarfod na chewch chi byth eich gwahodd iddo, "
                   "pa un fyddai a pham?",
    "barriers-08": "Beth yw un newid bach a fyddai'n ei gwneud yn haws i'ch rôl chi a'r lleill "
                   "yma weithio gyda'i gilydd?",
    "barriers-09": "Ble rydych chi'n teimlo nad oes gennych hawl i helpu, hyd yn oed pan "
                   "wyddoch y gallech?",
    "barriers-10": "Beth yr hoffech i reolwyr a chomisiynwyr ei ddeall am yr hyn sy'n digwydd "
                   "ar y rheng flaen pan fydd un o'u penderfyniadau'n glanio?",
    "barriers-11": "Beth yr hoffech i glinigwyr ei ddeall am y cyfyngiadau y tu ôl i'r "
                   "penderfyniadau rydych chi'n eu gwneud?",
    "barriers-12": "Pryd rydych chi wedi sylwi ar rywbeth pwysig am glaf neu ward na feddyliodd "
                   "neb ofyn i chi amdano?",
    "barriers-13": "Beth sy'n mynd ar goll wrth drosi rhwng yr hyn y mae staff yn gofyn amdano "
                   "a'r hyn sy'n cael ei adeiladu yn y pen draw?",
    "barriers-14": "Pa dybiaeth am eich proffesiwn sy'n rhwystr amlaf pan fyddwch yn gweithio "
                   "gydag eraill?",
    "barriers-15": "Pwy sydd anoddaf i chi gysylltu â nhw pan fydd angen rhywbeth arnoch, a "
                   "pham?",
    "barriers-16": "Ble mae negeseuon rhwng eich tîm a thimau eraill yn mynd ar goll amlaf?",
    "barriers-17": "Pa gyfarfod neu fforwm sydd i fod i ddod â phroffesiynau at ei gilydd, ac "
                   "a yw'n gweithio?",
    "barriers-18": "Pryd rydych chi wedi gweld dau broffesiwn yn anghytuno am rywbeth a oedd, "
                   "yn y diwedd, yn gamddealltwriaeth?",
    "barriers-19": "Beth sydd ei angen arnoch gan y proffesiynau eraill yma nad ydych erioed "
                   "wedi gofyn amdano mewn gwirionedd?",
    "barriers-20": "Pa mor hawdd yw darganfod pwy sy'n gyfrifol am rywbeth y tu allan i'ch tîm "
                   "eich hun?",
    "barriers-21": "Pa ystrydeb am eich proffesiwn sydd â gronyn o wirionedd ynddi, a ble mae'n "
                   "mynd o'i le?",
    "barriers-22": "Pan fyddwch yn uwchgyfeirio problem, beth sy'n digwydd iddi, a sut rydych "
                   "chi'n cael gwybod?",
    "barriers-23": "Pa bolisi o rywle arall yn y sefydliad sydd amlaf yn eich atal rhag gwneud "
                   "y peth synhwyrol?",
    "barriers-24": "Sut mae ble rydych chi'n eistedd neu'n gweithio, yn gorfforol, yn effeithio "
                   "ar bwy rydych chi'n siarad â nhw yn ystod yr wythnos?",
    "barriers-25": "Pan fyddwch yn codi problem gyda rheolwyr, beth sy'n digwydd nesaf, a beth "
                   "yr hoffech iddo ddigwydd?",
    "barriers-26": "Beth sy'n eich atal rhag cymryd rhan mewn penderfyniadau am y ffordd y caiff "
                   "eich gwasanaeth ei redeg?",
    "barriers-27": "Beth sy'n ei gwneud yn anodd cael amser gyda chlinigwyr i siarad am "
                   "newidiadau sy'n effeithio arnynt?",
    "barriers-28": "Pryd rydych chi wedi dal yn ôl rhag codi rhywbeth oherwydd eich bod yn "
                   "credu ei fod yn fater clinigol ac nid yn fater i chi?",
    "barriers-29": "Beth fyddai'n helpu clinigwyr i ymddiried yn y ffigurau rydych chi'n "
                   "gweithio gyda nhw?",
    "barriers-30": "A yw staff eraill yn gwybod eich enw, ac a yw'n gwneud gwahaniaeth i ba mor "
                   "dda rydych chi'n cydweithio?",
    "barriers-31": "Beth yr hoffech i staff ei ddweud wrthych pan fydd system yn eu rhwystro?",
    "barriers-32": "Pa rwystr rhwng eich proffesiwn chi a phroffesiwn eich gwesteion yr hoffech "
                   "fwyaf iddynt helpu i'w chwalu yn y dyfodol?",
    "barriers-33": "Beth a'i gwnaeth yn anodd i chi, yn gynnar yn eich gyrfa, ddeall sut roedd "
                   "proffesiynau eraill yn gweithio?",
    "barriers-34": "Beth, os unrhyw beth, sy'n eich gwneud yn betrusgar i godi llais gyda staff "
                   "sy'n uwch na chi?",
    "barriers-35": "Pa broffesiynau prin rydych chi wedi cwrdd â nhw yn eich hyfforddiant hyd "
                   "yma, a beth fyddech chi'n ei ofyn iddynt?",
    "barriers-36": "Pa atgyfeiriad neu gais i dîm arall rydych chi'n ofni ei wneud, a pham?",
    "barriers-37": "Beth sy'n digwydd yn eich maes clinigol pan fydd system neu wasanaeth y tu "
                   "allan iddo'n methu, ac i bwy rydych chi'n dweud?",
    "barriers-38": "Beth sy'n ei gwneud yn anodd rhoi adborth i glinigydd uwch o broffesiwn "
                   "gwahanol?",
    "career-04": "Pe gallech gyfnewid swyddi â rhywun yma am wythnos, swydd pwy fyddech chi'n "
                 "ei dewis a beth fyddech chi'n gobeithio'i ddysgu?",
}

BANK.update({
    # shadowing
    "shadowing-01": "Pryd y gallai'r person arall ddod i dreulio ychydig oriau yn eich gwaith, a "
                    "pha ddiwrnod fyddai'n ei ddangos orau?",
    "shadowing-02": "Beth yr hoffech ei weld fwyaf pan fyddwch yn ymweld â gwaith y person "
                    "arall?",
    "shadowing-03": "Beth ddylai ymwelydd â'ch gweithle ei wybod cyn cyrraedd — ble i fynd, "
                    "beth i'w wisgo, am bwy i ofyn?",
    "shadowing-04": "Pa ran o'ch gwaith fyddai fwyaf gwerth ei gwylio, a pha ran fyddai'n "
                    "ddiflas?",
    "shadowing-05": "Beth sydd angen i chi ei drefnu, neu ofyn caniatâd ar ei gyfer, cyn y "
                    "gallwch groesawu ymwelydd?",
    "shadowing-06": "Beth na fyddai ymwelydd yn cael ei weld na'i wneud yn eich gwaith, a "
                    "pham?",
    "shadowing-07": "Pwy arall yn eich tîm y byddai'n dda i ymwelydd gwrdd â nhw?",
    "shadowing-08": "Beth yr hoffech i'r person arall ei ofyn i chi ar ôl iddynt eich gwylio'n "
                    "gweithio?",
    "shadowing-09": "A oes unrhyw beth yr hoffech roi cynnig arno eich hun yn ystod eich "
                    "ymweliad, os yw'n ddiogel?",
    "shadowing-10": "Beth yw'r un peth y gallai ymwelydd ei gael yn anghywir yn hawdd yn eich "
                    "gweithle?",
    "shadowing-11": "Sut y byddwch chi'ch dau'n gwneud amser ar gyfer yr ymweliadau, a phwy "
                    "sydd angen cytuno?",
    "shadowing-12": "Pe bai gennych ddim ond un awr i ddangos eich gwaith i rywun, sut fyddech "
                    "chi'n ei threulio?",
    "shadowing-13": "Beth rydych chi'n disgwyl fydd yn eich synnu fwyaf pan welwch y person "
                    "arall wrth ei waith?",
    "shadowing-14": "Sut yr hoffech gael eich cyflwyno i gydweithwyr y person arall pan "
                    "fyddwch yn ymweld?",
    "shadowing-15": "Beth fydd pob un ohonoch yn ei wneud â'r hyn a welwch, fel bod yr "
                    "ymweliadau'n fwy na diwrnod allan?",
    "shadowing-16": "Pa foment yn eich wythnos sy'n dangos orau sut beth yw eich swydd mewn "
                    "gwirionedd?",
    "shadowing-17": "A oes trosglwyddiad, cyfarfod byr neu gyfarfod rheolaidd yn eich wythnos y "
                    "gallai ymwelydd eistedd ynddo?",
    "shadowing-18": "Beth yr hoffech i ymwelydd sylwi arno nad ydych chi'n sylwi arno mwyach?",
    "shadowing-19": "Beth yw'r rhan o'ch gwaith sydd anoddaf i'w dangos i rywun, a sut y "
                    "gallech ei hegluro yn lle hynny?",
    "shadowing-20": "Pa shifft, clinig neu rownd fyddai'n rhoi'r olwg gliriaf ar eich gwaith i "
                    "ymwelydd?",
    "shadowing-21": "Sut fyddech chi'n egluro i gleifion pam mae ymwelydd gyda chi, a pha "
                    "gydsyniad fyddai ei angen arnoch?",
    "shadowing-22": "Pa rannau o'ch maes clinigol fyddech chi'n cadw ymwelydd draw ohonynt, er "
                    "diogelwch neu breifatrwydd?",
    "shadowing-23": "Pa gyfarfod, taith o amgylch y safle neu ddarn o waith fyddai'n dangos "
                    "orau i ymwelydd beth mae eich swydd yn ei olygu?",
    "shadowing-24": "Pa ran o'r sefydliad nad yw cleifion byth yn ei gweld yr hoffech ei "
                    "dangos fwyaf i ymwelydd?",
    "shadowing-25": "Ym mha gyfarfod gwneud penderfyniadau y gallai ymwelydd eistedd, a beth "
                    "fyddai angen iddynt ei wybod ymlaen llaw?",
    "shadowing-26": "Pa ran o'r safle, neu pa ddesg neu swyddfa, fyddai'n dangos i ymwelydd sut "
                    "mae eich gwaith yn cadw'r lle i redeg?",
    "shadowing-27": "Beth y gallai ymwelydd eich gwylio'n ei wneud sy'n dangos sut mae'r "
                    "systemau y maent yn eu defnyddio bob dydd yn cael eu cadw i fynd?",
    "shadowing-28": "Sut y byddwch yn rhoi rhywbeth defnyddiol i bob un o'ch gwesteion i'w "
                    "wneud neu ei weld, yn hytrach na dim ond gwylio?",
    "shadowing-29": "Beth fyddwch chi'n ei ddweud wrth eich gwesteion cyn iddynt gyrraedd fel "
                    "eu bod yn teimlo'n groesawgar ac yn ddiogel?",
    "shadowing-30": "Pwy yn eich tîm fydd yn gofalu am eich gwesteion os cewch eich galw i "
                    "ffwrdd?",
    "shadowing-31": "Pa ran o waith y gwesteiwr yr hoffech ei dilyn fwyaf o'r dechrau i'r "
                    "diwedd, a pham?",
    "shadowing-32": "Beth fyddwch chi'n ei wneud i fod yn ddefnyddiol tra byddwch yn ymweld, yn "
                    "hytrach na bod dan draed?",
    "shadowing-33": "Beth yr hoffech ei ofyn i gydweithwyr y gwesteiwr tra byddwch yno?",
    "shadowing-34": "Pa sgwrs â chlaf neu driniaeth y gallai ymwelydd ei gwylio, gyda "
                    "chydsyniad, i weld beth mae eich gwaith yn ei olygu?",
    "shadowing-35": "Pa ran o waith y person arall rydych chi'n credu fyddai'n eich helpu "
                    "fwyaf yn eich gwaith clinigol eich hun?",
    # reflection
    "reflection-01": "Beth rydych chi'n ei ddeall nawr am waith y person arall nad oeddech yn "
                     "ei ddeall pan gwrddoch chi gyntaf?",
    "reflection-02": "Pa dybiaeth am broffesiwn y person arall a drodd allan yn anghywir?",
    "reflection-03": "Beth yw un peth y gallech ei newid yn eich gwaith eich hun oherwydd yr "
                     "hyn rydych chi wedi'i ddysgu yma?",
    "reflection-04": "Beth yw un newid bach y gallech chi'ch dau ei wneud gyda'ch gilydd, a "
                     "phwy fyddai angen cytuno iddo?",
    "reflection-05": "Beth fyddwch chi'n ei wneud yn wahanol y tro nesaf y bydd eich dau "
                     "broffesiwn yn cwrdd mewn trosglwyddiad, mewn cyfarfod neu mewn coridor?",
    "reflection-06": "Beth a welsoch wrth gysgodi rydych chi'n dal i feddwl amdano?",
    "reflection-07": "Ynghylch pa rai o'r rhwystrau y buoch yn siarad amdanynt y gallech chi'ch "
                     "dau wneud rhywbeth mewn gwirionedd?",
    "reflection-08": "Pwy arall ddylai glywed yr hyn rydych chi wedi'i ddysgu, a sut y "
                     "byddwch yn dweud wrthynt?",
    "reflection-09": "Beth fyddech chi'n ei ddweud wrth gydweithiwr sy'n ystyried ymuno â'r "
                     "rhaglen hon?",
    "reflection-10": "Sut y byddwch chi'n gwybod ymhen tri mis a yw'r newid y byddwch yn cytuno "
                     "arno wedi gweithio?",
    "reflection-11": "Sut mae cwrdd â'r person arall wedi newid y ffordd rydych chi'n siarad "
                     "am eu proffesiwn â'ch tîm eich hun?",
    "reflection-12": "Pa gwestiwn yr hoffech fod wedi'i ofyn i'r person arall yn gynharach?",
    "reflection-13": "Pe baech chi'n dal ati i gwrdd, am beth yr hoffech siarad nesaf?",
    "reflection-14": "Beth a'ch synnodd fwyaf am yr hyn sydd gennych chi'ch dau'n gyffredin?",
    "reflection-15": "Beth yw un peth y byddwch yn gofyn am help y person arall ag ef yn y "
                     "dyfodol?",
    "reflection-16": "Beth oedd y peth mwyaf defnyddiol a ddywedodd y person arall yn y "
                     "cyfarfodydd hyn?",
    "reflection-17": "Sut mae eich barn am y pwysau ar y proffesiwn arall wedi newid?",
    "reflection-18": "Beth fyddai'n gwneud i'r newid rydych chi wedi cytuno arno bara ar ôl i'r "
                     "cyfarfodydd hyn ddod i ben?",
    "reflection-19": "Beth y gallai eich sefydliad ei ddysgu o'r ffordd y mae'r ddau ohonoch "
                     "wedi cydweithio?",
    "reflection-20": "Pa rai o'ch arferion eich hun yn y gwaith sy'n edrych yn wahanol nawr eich "
                     "bod wedi'u gweld drwy lygaid y person arall?",
    "reflection-21": "Pa ran o'ch ymarfer clinigol y byddwch yn ei hegluro'n wahanol i "
                     "gydweithwyr y tu allan iddo?",
    "reflection-22": "Pa drosglwyddiad, atgyfeiriad neu sgwrs â phroffesiynau eraill y byddwch "
                     "yn ei drin yn wahanol yn eich gwaith clinigol nawr?",
    "reflection-23": "Beth fyddwch chi'n mynd yn ôl i'ch tîm amdano ynghylch sut mae eich "
                     "gwaith yn glanio gyda'r bobl sy'n dibynnu arno?",
    "reflection-24": "Pa benderfyniad neu broses o'ch eiddo y byddwch yn edrych arni'n wahanol "
                     "ar ôl y paru hwn?",
    "reflection-25": "Beth yr hoffech i staff eraill ei ddeall am eich gwaith, nawr eich bod "
                     "wedi gweld sut mae eraill yn ei weld?",
    "reflection-26": "Beth fyddwch chi'n ei adeiladu, ei drwsio neu'n gofyn amdano'n wahanol "
                     "nawr eich bod wedi gweld sut mae pobl yn defnyddio eich systemau?",
    "reflection-27": "Beth a sylwodd eich gwesteion arno yn eich gwaith yr oeddech chi wedi "
                     "peidio â'i weld?",
    "reflection-28": "Beth fyddech chi'n ei newid am y ffordd rydych chi'n croesawu myfyrwyr "
                     "neu ymwelwyr y tro nesaf?",
    "reflection-29": "Beth fyddwch chi'n ei gymryd o'r cyfarfodydd hyn i'ch lleoliad neu'ch "
                     "swydd nesaf?",
    "reflection-30": "Beth a ddangosodd gwaith y gwesteiwr i chi nad oedd eich cwrs wedi'i "
                     "ddangos?",
    "reflection-31": "Sut y bydd yr hyn rydych chi wedi'i ddysgu yn newid y ffordd rydych chi'n "
                     "egluro cynlluniau i gleifion a theuluoedd?",
    "reflection-32": "Pa oedi yn nhaith claf rydych chi'n ei ddeall yn well nawr, a beth "
                     "fyddwch chi'n ei wneud amdano?",
    "reflection-33": "Pa gydweithwyr y tu allan i waith clinigol yr hoffech ddiolch iddynt "
                     "nawr, ac am beth?",
    # scenarios (tutorial groups)
    "scenario-01": "Argyfwng gwelyau ar brynhawn Gwener — mae'r adran achosion brys yn llawn ac "
                   "mae chwe chlaf yn aros am ward. Beth fyddai pob un ohonoch yn edrych arno "
                   "gyntaf?",
    "scenario-02": "Mae ward dair nyrs yn brin heno ac mae'r gyllideb asiantaeth eisoes wedi'i "
                   "gorwario. Pwy sy'n penderfynu beth sy'n digwydd, a beth fyddai pob un "
                   "ohonoch eisiau ei wybod?",
    "scenario-03": "Mae teulu'n cwyno na ddywedodd neb wrthynt fod eu tad yn cael ei symud i "
                   "ward arall. Ble aeth y neges ar goll, a beth fyddai pob un ohonoch yn ei "
                   "wneud nesaf?",
    "scenario-04": "Mae'r cofnod cleifion electronig i lawr am bedair awr ar fore Llun. Sut "
                   "olwg sydd ar swydd pob un ohonoch nes iddo ddod yn ôl?",
    "scenario-05": "Mae rhestrau aros cleifion allanol wedi dyblu ac mae'n rhaid iddynt ostwng "
                   "chwarter o fewn blwyddyn. Beth fyddai pob un ohonoch yn rhoi cynnig arno "
                   "gyntaf, a beth fyddai'n eich poeni?",
    "scenario-06": "Mae gan feddyg iau syniad a fyddai'n arbed awr y dydd i nyrsys, ond mae "
                   "angen newid ffurflen sy'n perthyn i adran arall. Sut fyddech chi'n ei "
                   "gael wedi'i wneud?",
    "scenario-07": "Mae claf eiddil yn ddigon iach i fynd adref, ond ni fydd ei becyn gofal yn "
                   "dechrau am wythnos. Pwy sy'n rhan o hyn, a beth y gall pob un ohonoch ei "
                   "wneud?",
    "scenario-08": "Mae'n rhaid i'r ysbyty arbed dwy filiwn o bunnoedd y flwyddyn nesaf. Beth "
                   "ddylid ei ddiogelu, a phwy ddylai benderfynu?",
    "scenario-09": "Mae'r unig lifft i'r uned famolaeth yn torri yn ystod amser ymweld. Diwrnod "
                   "pwy sy'n newid, a sut?",
    "scenario-10": "Mae adroddiad digwyddiad yn dweud bod canlyniad prawf wedi'i fethu am ei "
                   "fod wedi mynd i'r mewnflwch anghywir. Beth fyddai pob un ohonoch eisiau ei "
                   "ddarganfod?",
    "scenario-11": "Mae ap newydd yn disodli siartiau arsylwi papur y mis nesaf. Beth fyddai "
                   "ei angen ar bob un ohonoch cyn i chi ymddiried ynddo?",
    "scenario-12": "Mae'r ffliw yn cau dwy ward i gleifion newydd ar yr un bore o aeaf. "
                   "Ewch drwy'r deuddeg awr nesaf o safbwynt pob un ohonoch.",
    "scenario-13": "Mae meddyg ymgynghorol a rheolwr gwasanaeth yn anghytuno ynghylch canslo "
                   "rhestr o lawdriniaethau arferol i ryddhau gwelyau. Beth y mae pob un "
                   "ohonynt yn ei bwyso a'i fesur?",
    "scenario-14": "Mae cydweithiwr yn dweud wrthych, yn gyfrinachol, ei fod yn cael trafferth "
                   "ymdopi yn y gwaith. Beth fyddai pob un ohonoch yn ei wneud, a phwy fyddech "
                   "chi'n ei gynnwys?",
    "scenario-15": "Mae absenoldeb salwch mewn un tîm wedi bod yn uchel ers chwe mis. Beth "
                   "allai fod y tu ôl iddo, a sut fyddai pob un ohonoch yn darganfod?",
    "scenario-16": "Mae claf ag anabledd dysgu wedi colli tair apwyntiad cleifion allanol yn "
                   "olynol. Pwy ddylai sylwi, a beth y gellid ei wneud yn wahanol?",
    "scenario-17": "Gofynnwyd i'ch gwasanaeth symud i rota saith diwrnod. Beth fyddai'n newid i "
                   "rôl pob un ohonoch, a beth fyddai ei angen arnoch?",
    "scenario-18": "Mae gennych un diwrnod i'w dreulio gyda thîm nad ydych yn gwybod dim "
                   "amdano. Pa dîm fyddech chi'n ei ddewis, a beth fyddech chi'n chwilio "
                   "amdano?",
    "scenario-19": "Mae myfyriwr yn cysgodi ar ward brysur ac mae claf yn dweud nad yw eisiau'r "
                   "myfyriwr yno. Beth ddylai ddigwydd nesaf?",
    "scenario-20": "Rydych chi'n dangos eich gweithle i ymwelydd pan fydd argyfwng yn dechrau. "
                   "Beth ddylen nhw ei wneud, a beth ddylech chi ei wneud?",
    "scenario-21": "Mae'r lolfa ryddhau'n hanner gwag tra bo'r wardiau'n llawn. Pam y gallai "
                   "hynny fod, ac â phwy fyddai pob un ohonoch yn siarad?",
    "scenario-22": "Mae'r arolwg staff yn dangos nad yw pobl mewn un adran yn teimlo y gallant "
                   "godi pryderon. Beth fyddai pob un ohonoch eisiau ei ddeall gyntaf?",
    "scenario-23": "Mae'r ymddiriedolaeth yn gofyn i'ch grŵp am un newid a fyddai'n helpu "
                   "proffesiynau i gydweithio. Beth fyddech chi'n ei gynnig, a pham?",
    "scenario-24": "Methodd prosiect a leihaodd amseroedd aros mewn un ysbyty mewn ysbyty "
                   "arall. Pa gwestiynau fyddech chi'n eu gofyn i ddarganfod pam?",
    "scenario-25": "Mae ambiwlans wedi bod yn aros y tu allan i'r adran achosion brys am dair "
                   "awr. Pwy sy'n cael eu heffeithio, yr holl ffordd ar hyd y daith, a phwy "
                   "all ei newid?",
    "scenario-26": "Mae perthynas yn anfon e-bost at y prif weithredwr am y bwyd ar ward. Pwy "
                   "sy'n ymdrin ag ef, a beth fyddai pob un ohonoch eisiau iddo ddigwydd?",
    "scenario-27": "Rydych chi'n cynllunio diwrnod i fyfyrwyr ei dreulio gyda'r tîm ystadau, "
                   "TG neu gyllid. Beth ddylen nhw ei weld, a phwy ddylen nhw gwrdd â nhw?",
    "scenario-28": "Wrth edrych yn ôl dros gyfarfodydd y tymor hwn, pa sefyllfa fyddech chi'n "
                   "ei thrin yn wahanol nawr, a pham?",
    "scenario-29": "Mae rota newydd yn golygu na fydd meddygon iau yn dod i gyfarfod byr boreol "
                   "y ward mwyach. Beth allai gael ei golli, a sut y gellid ei gadw?",
    "scenario-30": "Mae prinder yn golygu bod rhaid cyfnewid meddyginiaeth gyffredin am un "
                   "arall ar draws yr ysbyty. Pwy sydd angen gwybod, ac ym mha drefn?",
    "scenario-31": "Mae rheolwr eisiau gwybod pam mae clinig bob amser yn mynd dros amser ac yn "
                   "gofyn am gael eistedd i mewn am fore. Beth ddylen nhw wylio amdano, a beth "
                   "ddylen nhw gadw allan ohono?",
    "scenario-32": "Mae meddyg iau yn treulio diwrnod gyda'r tîm rheoli gwelyau. Beth fyddech "
                   "chi eisiau iddynt ei weld, a beth allai eu synnu?",
})

# The journey's themes (bot/core/journey.py): title, purpose, guide.
CY.update({
    "Roles: a day in your working life": "Rolau: diwrnod yn eich bywyd gwaith",
    "Each of you learns what the other actually does: the work people outside the role never "
    "see, who you hand work to and from, and what a normal day looks like once it meets "
    "reality. Everything later in the journey builds on this picture.":
        "Mae pob un ohonoch yn dysgu beth mae'r llall yn ei wneud mewn gwirionedd: y gwaith nad "
        "yw pobl y tu allan i'r rôl byth yn ei weld, i bwy ac oddi wrth bwy rydych chi'n "
        "trosglwyddo gwaith, a sut olwg sydd ar ddiwrnod arferol pan fydd yn cwrdd â realiti. "
        "Mae popeth yn nes ymlaen yn y daith yn adeiladu ar y darlun hwn.",
    "Take turns to walk each other through a recent working day, hour by hour. Ask about "
    "anything that surprises you.":
        "Cymerwch eich tro i dywys eich gilydd drwy ddiwrnod gwaith diweddar, awr wrth awr. "
        "Gofynnwch am unrhyw beth sy'n eich synnu.",
    "Values: what matters to you and your profession":
        "Gwerthoedd: yr hyn sy'n bwysig i chi a'ch proffesiwn",
    "You find out what each of you cares about at work and what your professions teach you to "
    "hold on to, so that later disagreements can be read as different priorities rather than "
    "bad will.":
        "Rydych chi'n darganfod beth sy'n bwysig i bob un ohonoch yn y gwaith a'r hyn y mae eich "
        "proffesiynau'n eich dysgu i afael ynddo, fel y gellir deall anghytundebau diweddarach "
        "fel blaenoriaethau gwahanol yn hytrach na drwg ewyllys.",
    "Share a moment at work you were proud of and say why it mattered. Notice where your "
    "values meet and where they pull in different directions.":
        "Rhannwch foment yn y gwaith yr oeddech yn falch ohoni a dywedwch pam roedd yn bwysig. "
        "Sylwch ble mae eich gwerthoedd yn cwrdd a ble maen nhw'n tynnu i gyfeiriadau gwahanol.",
    "Challenges: what is hard in your work": "Heriau: beth sy'n anodd yn eich gwaith",
    "You hear about the pressures each of you works under, from winter demand to targets to "
    "broken systems, so that you understand why the other sometimes cannot do what you would "
    "like them to.":
        "Rydych chi'n clywed am y pwysau y mae pob un ohonoch yn gweithio oddi tano, o alw'r "
        "gaeaf i dargedau i systemau sydd wedi torri, fel eich bod yn deall pam na all y llall "
        "weithiau wneud yr hyn yr hoffech iddynt ei wneud.",
    "Describe one pressure you are under at the moment and how you cope with it. Listen "
    "first; save solutions for later meetings.":
        "Disgrifiwch un pwysau rydych chi oddi tano ar hyn o bryd a sut rydych chi'n ymdopi ag "
        "ef. Gwrandewch yn gyntaf; cadwch atebion ar gyfer cyfarfodydd diweddarach.",
    "Barriers: what gets in the way of working together":
        "Rhwystrau: beth sy'n atal cydweithio",
    "Together you name what makes it hard for your professions to work well together: "
    "handovers, hierarchy, jargon, systems and assumptions, and pick out the ones that either "
    "of you could do something about.":
        "Gyda'ch gilydd rydych chi'n enwi'r hyn sy'n ei gwneud yn anodd i'ch proffesiynau "
        "gydweithio'n dda: trosglwyddo, hierarchaeth, jargon, systemau a thybiaethau, ac yn "
        "dewis y rhai y gallai'r naill neu'r llall ohonoch wneud rhywbeth amdanynt.",
    "Think of a time your roles met and it went badly, or well. What made the difference? Note "
    "one barrier to come back to.":
        "Meddyliwch am adeg pan gyfarfu eich rolau ac aeth pethau'n wael, neu'n dda. Beth "
        "wnaeth y gwahaniaeth? Nodwch un rhwystr i ddod yn ôl ato.",
    "Shadowing: spend time in each other's work": "Cysgodi: treulio amser yng ngwaith eich gilydd",
    "Seeing each other's work first-hand teaches what no conversation can. Each of you hosts "
    "the other once, for a shift, a clinic, a meeting or a site walk, and you talk afterwards "
    "about what you saw.":
        "Mae gweld gwaith eich gilydd yn uniongyrchol yn dysgu'r hyn na all unrhyw sgwrs ei "
        "ddysgu. Mae pob un ohonoch yn croesawu'r llall unwaith, am shifft, clinig, cyfarfod "
        "neu daith o amgylch y safle, ac rydych chi'n siarad wedyn am yr hyn a welsoch.",
    "Agree two dates, one for each of you to host. Say what the visitor will see, what they "
    "should not do, and what to ask about afterwards.":
        "Cytunwch ar ddau ddyddiad, un i bob un ohonoch groesawu'r llall. Dywedwch beth fydd yr "
        "ymwelydd yn ei weld, beth na ddylent ei wneud, a beth i ofyn amdano wedyn.",
    "Reflection: one thing to change together": "Myfyrio: un peth i'w newid gyda'ch gilydd",
    "You look back on what you have learnt about each other's role, values, challenges and "
    "barriers, and agree one small, real change you can make together, in your own work or in "
    "how your teams work with each other.":
        "Rydych chi'n edrych yn ôl ar yr hyn rydych chi wedi'i ddysgu am rôl, gwerthoedd, "
        "heriau a rhwystrau eich gilydd, ac yn cytuno ar un newid bach, go iawn y gallwch ei "
        "wneud gyda'ch gilydd, yn eich gwaith eich hun neu yn y ffordd y mae eich timau'n "
        "gweithio gyda'i gilydd.",
    "Say what you understand now that you did not at the start. Agree one thing to change, "
    "who does what, and when you will check on it.":
        "Dywedwch beth rydych chi'n ei ddeall nawr nad oeddech yn ei ddeall ar y dechrau. "
        "Cytunwch ar un peth i'w newid, pwy sy'n gwneud beth, a phryd y byddwch yn ei wirio.",
})


def _bank_texts() -> dict[str, str]:
    """Each question's and scenario's English text by id, as the bank shows it (one line)."""
    import yaml

    path = Path(__file__).resolve().parents[2] / "bot" / "core" / "data" / "icebreakers.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(item["id"]): " ".join(str(item["text"]).split())
            for item in (*document.get("questions", []), *document.get("scenarios", []))}


_TEXTS = _bank_texts()
CY.update({_TEXTS[qid]: welsh for qid, welsh in BANK.items() if qid in _TEXTS})

# The `pairbot` command (bot/cli): its help, its errors and what it prints. Options,
# commands, keys and environment variables stay as they are typed.
CY.update({
    "'{item}' is not KEY=VALUE, e.g. group_size=3":
        "Nid yw '{item}' ar ffurf KEY=VALUE, e.e. group_size=3",
    "'{name}' exists in {count} workspaces; add --workspace ID":
        "Mae '{name}' yn bodoli mewn {count} gweithle; ychwanegwch --workspace ID",
    "(see {command})": "(gweler {command})",
    "--at: '{text}' is not an ISO-8601 instant, e.g. {example}":
        "--at: nid yw '{text}' yn amser ISO-8601, e.e. {example}",
    "--capacity applies to two-sided mode only":
        "Mae --capacity yn berthnasol i'r modd dwy ochr yn unig",
    "--group-size applies to cross mode; use --capacity in two-sided mode":
        "Mae --group-size yn berthnasol i'r modd traws; defnyddiwch --capacity yn y modd dwy "
        "ochr",
    "--holidays: {value} is not one of {choices}": "--holidays: nid yw {value} yn un o {choices}",
    "--keep: {path} exists; give the name of a new file":
        "--keep: mae {path} yn bodoli; rhowch enw ffeil newydd",
    "--keep: {path} is not a folder": "--keep: nid yw {path} yn ffolder",
    "--platform: both a Slack workspace and a Teams tenant are configured; add --platform slack "
    "or --platform teams":
        "--platform: mae gweithle Slack a thenant Teams wedi'u ffurfweddu; ychwanegwch "
        "--platform slack neu --platform teams",
    "--programme: '{name}' exists in {count} workspaces; write WORKSPACE/NAME, e.g. {example}":
        "--programme: mae '{name}' yn bodoli mewn {count} gweithle; ysgrifennwch "
        "WORKSPACE/NAME, e.e. {example}",
    "--programme: no programme called '{name}'{hint}":
        "--programme: does dim rhaglen o'r enw '{name}'{hint}",
    "--slots-from: {value} is not a date (YYYY-MM-DD)":
        "--slots-from: nid yw {value} yn ddyddiad (YYYY-MM-DD)",
    "--timezone: {value} is not a time zone (e.g. Europe/London)":
        "--timezone: nid yw {value} yn gylchfa amser (e.e. Europe/London)",
    "--unmet-counts-as-repeat: {value} is not yes or no":
        "--unmet-counts-as-repeat: nid yw {value} yn yes nac yn no",
    "--workspace: cannot tell whether {id} is a Slack team or a Teams tenant; add --platform "
    "slack or --platform teams":
        "--workspace: ni ellir dweud ai tîm Slack neu denant Teams yw {id}; ychwanegwch "
        "--platform slack neu --platform teams",
    "--workspace: no workspace is known yet; give the Slack team id or Teams tenant id with "
    "--workspace ID":
        "--workspace: nid oes gweithle'n hysbys eto; rhowch id tîm Slack neu id tenant Teams "
        "gyda --workspace ID",
    "--workspace: there are several workspaces ({listed}); name one":
        "--workspace: mae sawl gweithle ({listed}); enwch un",
    "--workspace: {id} is both a Slack and a Teams workspace; add --platform slack or "
    "--platform teams":
        "--workspace: mae {id} yn weithle Slack ac yn weithle Teams; ychwanegwch --platform "
        "slack neu --platform teams",
    "; known: {names}": "; rhai hysbys: {names}",
    "; none exists yet": "; nid oes un yn bodoli eto",
    "About {seconds} s left at {rate} messages a second.":
        "Tua {seconds} e ar ôl ar {rate} neges yr eiliad.",
    "Add a person, by Entra object id, to the organisers of a Teams tenant's programme (its "
    "first programme unless --programme), so they can use `admin` in Teams.":
        "Ychwanegu person, yn ôl ei id gwrthrych Entra, at drefnwyr rhaglen tenant Teams (ei "
        "rhaglen gyntaf oni roddir --programme), fel y gall ddefnyddio `admin` yn Teams.",
    "Already invited or taking part, updated ({count}):":
        "Wedi'u gwahodd eisoes neu'n cymryd rhan, wedi'u diweddaru ({count}):",
    "DATABASE_URL: cannot reach the database ({reason})":
        "DATABASE_URL: ni ellir cyrraedd y gronfa ddata ({reason})",
    "DATABASE_URL: migration failed ({reason})": "DATABASE_URL: methodd y mudo ({reason})",
    "Delivery is complete.": "Mae'r anfon wedi'i gwblhau.",
    "Dry run: nothing was changed.": "Rhediad prawf: ni newidiwyd dim.",
    "ISO-8601 instant (default: now); without a zone, UTC":
        "amser ISO-8601 (diofyn: nawr); heb gylchfa, UTC",
    "Imported: {invited} invited, {updated} updated, {skipped} not invited again. The "
    "invitations go out at the platform's pace; the console's import page shows their "
    "progress.":
        "Wedi mewnforio: {invited} wedi'u gwahodd, {updated} wedi'u diweddaru, {skipped} heb "
        "eu gwahodd eto. Mae'r gwahoddiadau'n mynd allan ar gyflymder y platfform; mae "
        "tudalen fewnforio'r consol yn dangos eu cynnydd.",
    "It uses a throw-away SQLite database, unless --keep writes it to a file (dated so that "
    "the term lies in the past) to open the organiser console on.":
        "Mae'n defnyddio cronfa ddata SQLite dros dro, oni bai bod --keep yn ei hysgrifennu i "
        "ffeil (wedi'i dyddio fel bod y tymor yn y gorffennol) i agor consol y trefnwyr arni.",
    "Migrate the database, then serve HTTP (Slack events, Teams messages, health, admin) on "
    "PORT and run the scheduler. Configuration comes from the environment or a .env file; see "
    "the README.":
        "Mudo'r gronfa ddata, yna gweini HTTP (digwyddiadau Slack, negeseuon Teams, iechyd, "
        "gweinyddu) ar PORT a rhedeg yr amserlennydd. Daw'r ffurfweddiad o'r amgylchedd neu "
        "o ffeil .env; gweler y README.",
    "No programme yet; make one with: {command}":
        "Dim rhaglen eto; crëwch un gyda: {command}",
    "No round has run yet.": "Nid oes cylch wedi rhedeg eto.",
    "Not invited again ({count}):": "Heb eu gwahodd eto ({count}):",
    "Note: {note}": "Nodyn: {note}",
    "PAIRBOT_TEAMS_ALLOW_ANONYMOUS: lets anyone act as anyone, so it is refused unless pairbot "
    "listens on loopback only (--host {host})":
        "PAIRBOT_TEAMS_ALLOW_ANONYMOUS: mae'n gadael i unrhyw un weithredu fel unrhyw un, felly "
        "caiff ei wrthod oni bai bod pairbot yn gwrando ar loopback yn unig (--host {host})",
    "Problems ({count}):": "Problemau ({count}):",
    "Refused: nothing was imported.": "Gwrthodwyd: ni fewnforiwyd dim.",
    "Round {period}: sent {sent}, failed {failed}, pending {pending}, cancelled {cancelled}.":
        "Cylch {period}: anfonwyd {sent}, methwyd {failed}, yn aros {pending}, "
        "canslwyd {cancelled}.",
    "Row {row}: {email}": "Rhes {row}: {email}",
    "Row {row}: {email} ({details})": "Rhes {row}: {email} ({details})",
    "Row {row}: {email}: {reason}": "Rhes {row}: {email}: {reason}",
    "Run Alembic migrations on DATABASE_URL up to head.":
        "Rhedeg mudiadau Alembic ar DATABASE_URL hyd at y diweddaraf (head).",
    "Run every job due at that instant: rounds whose time has come, heads-ups, check-ins, "
    "reminders, then deliver the outbox. Idempotent: running it twice at the same instant "
    "sends nothing new. Without a scheduler (e.g. from cron), run it every few minutes.":
        "Rhedeg pob tasg sy'n ddyledus ar yr amser hwnnw: cylchoedd y mae eu hamser wedi dod, "
        "rhybuddion ymlaen llaw, holiadau, nodiadau atgoffa, yna anfon y blwch anfon. "
        "Analluog i ddyblygu: nid yw ei redeg ddwywaith ar yr un amser yn anfon dim byd "
        "newydd. Heb amserlennydd (e.e. o cron), rhedwch ef bob ychydig funudau.",
    "Runs a sample hospital trust of 150 people in 12 professions through a term: three "
    "monthly rounds and the first round of the next term, in three programmes "
    "(cross-profession; junior doctors × managers as a term of three months with the same "
    "partners and tutorial groups; a three-person pilot where someone is left out), with the "
    "real services: opt-ins with the baseline questions, heads-ups, intros with each month's "
    "theme and guide, check-in answers, feedback, reminders, an auto-pause, the end-of-term "
    "questions and the next term. Each message is printed as a participant would read it, "
    "then the statistics and the before-and-after evaluation. It needs no credentials and no "
    "network.":
        "Yn rhedeg ymddiriedolaeth ysbyty enghreifftiol o 150 o bobl mewn 12 proffesiwn drwy "
        "dymor: tri chylch misol a chylch cyntaf y tymor nesaf, mewn tair rhaglen (rhwng "
        "proffesiynau; meddygon iau × rheolwyr fel tymor o dri mis gyda'r un partneriaid a "
        "grwpiau tiwtorial; cynllun peilot tri pherson lle caiff rhywun ei adael allan), gyda'r "
        "gwasanaethau go iawn: ymuno gyda'r cwestiynau sylfaenol, rhybuddion ymlaen llaw, "
        "cyflwyniadau gyda thema a chanllaw pob mis, atebion holi, adborth, nodiadau atgoffa, "
        "oedi awtomatig, cwestiynau diwedd tymor a'r tymor nesaf. Caiff pob neges ei hargraffu "
        "fel y byddai cyfranogwr yn ei darllen, yna'r ystadegau a'r gwerthusiad cyn ac ar ôl. "
        "Nid oes angen manylion mewngofnodi na rhwydwaith.",
    "SLACK_API_URL: cannot reach Slack ({reason})":
        "SLACK_API_URL: ni ellir cyrraedd Slack ({reason})",
    "SLACK_BOT_TOKEN: Slack refused auth.test ({reason})":
        "SLACK_BOT_TOKEN: gwrthododd Slack auth.test ({reason})",
    "SOURCE=PROFESSION pairs separated by ';' for this import (default: the programme's "
    "profession_map)":
        "parau SOURCE=PROFESSION wedi'u gwahanu gan ';' ar gyfer y mewnforio hwn (diofyn: "
        "profession_map y rhaglen)",
    "The sample trust's term is in {path}. To open the organiser console on it:":
        "Mae tymor yr ymddiriedolaeth enghreifftiol yn {path}. I agor consol y trefnwyr arno:",
    "To invite ({count}):": "I'w gwahodd ({count}):",
    "Write the Teams app package: deploy/teams/manifest.json with the bot's app id, the "
    "developer's website, privacy and terms pages (by default /, /privacy and /terms under "
    "PAIRBOT_PUBLIC_URL), and its two icons, zipped for upload to Teams. The groupChat scope is "
    "requested only with PAIRBOT_TEAMS_GROUP_CHATS=true.":
        "Ysgrifennu pecyn ap Teams: deploy/teams/manifest.json gydag id ap y bot, tudalennau "
        "gwefan, preifatrwydd a thelerau'r datblygwr (yn ddiofyn /, /privacy a /terms o dan "
        "PAIRBOT_PUBLIC_URL), a'i ddwy eicon, wedi'u sipio i'w llwytho i Teams. Gofynnir am y "
        "cwmpas groupChat dim ond gyda PAIRBOT_TEAMS_GROUP_CHATS=true.",
    "Wrote {path} for app {app} ({scopes}; privacy notice {privacy}). Upload it in Teams: Apps "
    "> Manage your apps > Upload an app (or in the Teams admin center).":
        "Ysgrifennwyd {path} ar gyfer ap {app} ({scopes}; hysbysiad preifatrwydd {privacy}). "
        "Llwythwch ef i Teams: Apps > Manage your apps > Upload an app (neu yng nghanolfan "
        "weinyddu Teams).",
    "a past group that never met counts toward --recency (default no)":
        "mae grŵp blaenorol na wnaeth gwrdd erioed yn cyfrif tuag at --recency (diofyn no)",
    "a term of a bundled sample organisation, end to end, printed":
        "tymor sefydliad enghreifftiol sydd wedi'i gynnwys, o'r dechrau i'r diwedd, wedi'i "
        "argraffu",
    "address to listen on (default: HOST or 127.0.0.1)":
        "cyfeiriad i wrando arno (diofyn: HOST neu 127.0.0.1)",
    "cannot write {path}: {reason}": "ni ellir ysgrifennu {path}: {reason}",
    "cross: different professions (default); two-sided: A meets B":
        "cross: proffesiynau gwahanol (diofyn); two-sided: A yn cwrdd â B",
    "database at revision {revision} (head)":
        "cronfa ddata ar fersiwn {revision} (y diweddaraf)",
    "example: {command}": "enghraifft: {command}",
    "folder with manifest.json, color.png and outline.png (default: the repository's "
    "deploy/teams)":
        "ffolder gyda manifest.json, color.png ac outline.png (diofyn: deploy/teams y "
        "storfa)",
    "give --app-id, or set {variable} to the bot's Microsoft Entra application (client) id":
        "rhowch --app-id, neu gosodwch {variable} i id rhaglen (cleient) Microsoft Entra y bot",
    "give --tenant, or set {variable}": "rhowch --tenant, neu gosodwch {variable}",
    "ignore the availability column's score": "anwybyddu sgôr y golofn availability",
    "import FILE.csv: invite everyone in the file to the programme. Columns (header names in "
    "any case): email (required), name, profession, staff_group and job_role (ESR's 'Staff "
    "Group' and 'Job Role' as written), site, team, manager_email. Staff groups and job roles "
    "become professions through the programme's profession_map. With --dry-run, print what "
    "would happen and change nothing. Any problem in the file refuses the whole import. Exit 0 "
    "done, 1 refused (problems found, nothing imported), 2 bad input.":
        "import FILE.csv: gwahodd pawb yn y ffeil i'r rhaglen. Colofnau (enwau pennawd mewn "
        "unrhyw achos): email (gofynnol), name, profession, staff_group a job_role ('Staff "
        "Group' a 'Job Role' ESR fel y'u hysgrifennwyd), site, team, manager_email. Daw "
        "grwpiau staff a rolau swydd yn broffesiynau drwy profession_map y rhaglen. Gyda "
        "--dry-run, argraffu'r hyn a fyddai'n digwydd heb newid dim. Mae unrhyw broblem yn y "
        "ffeil yn gwrthod y mewnforio cyfan. Allanfa 0 wedi'i wneud, 1 wedi'i wrthod "
        "(problemau wedi'u canfod, dim wedi'i fewnforio), 2 mewnbwn gwael.",
    "invite people from a staff list (an ESR export or a spreadsheet)":
        "gwahodd pobl o restr staff (allforiad ESR neu daenlen)",
    "length of a meeting, 15-240 minutes (default 30)":
        "hyd cyfarfod, 15-240 munud (diofyn 30)",
    "list, show, create or change programmes without a chat platform":
        "rhestru, dangos, creu neu newid rhaglenni heb blatfform sgwrsio",
    "list: every programme. show NAME: its settings, one `key: value` line each. create NAME "
    "[KEY=VALUE...]: a new programme (works before the platform has sent any event). set NAME "
    "KEY=VALUE...: change settings. The keys are the same as in chat and the console: {keys}.":
        "list: pob rhaglen. show NAME: ei gosodiadau, un llinell `key: value` yr un. create "
        "NAME [KEY=VALUE...]: rhaglen newydd (yn gweithio cyn i'r platfform anfon unrhyw "
        "ddigwyddiad). set NAME KEY=VALUE...: newid gosodiadau. Mae'r allweddi yr un fath ag "
        "yn y sgwrs a'r consol: {keys}.",
    "log debug details": "cofnodi manylion dadfygio",
    "make someone an organiser of a Teams tenant's programme":
        "gwneud rhywun yn drefnydd rhaglen tenant Teams",
    "match people from a CSV file and print the groups":
        "paru pobl o ffeil CSV ac argraffu'r grwpiau",
    "migrate the database, then serve HTTP and run the scheduler":
        "mudo'r gronfa ddata, yna gweini HTTP a rhedeg yr amserlennydd",
    "next round: {day}": "cylch nesaf: {day}",
    "no programme called '{name}'{hint}": "does dim rhaglen o'r enw '{name}'{hint}",
    "no times on bank holidays of: england (default), wales, scotland, northern-ireland, none":
        "dim amseroedd ar wyliau banc: england (diofyn), wales, scotland, northern-ireland, "
        "none",
    "nothing": "dim",
    "output format (default json)": "fformat yr allbwn (diofyn json)",
    "output of list and show (default: text)": "allbwn list a show (diofyn: text)",
    "pairbot introduces people from different professions to each other, monthly, in Slack "
    "and Microsoft Teams.":
        "Mae pairbot yn cyflwyno pobl o wahanol broffesiynau i'w gilydd, bob mis, yn Slack a "
        "Microsoft Teams.",
    "past groups: round,group,id": "grwpiau blaenorol: round,group,id",
    "paused": "wedi'i oedi",
    "people per group in cross mode: 2 (default), 3 or 4":
        "pobl ym mhob grŵp yn y modd traws: 2 (diofyn), 3 neu 4",
    "personal and group chats": "sgyrsiau personol a grŵp",
    "personal chats": "sgyrsiau personol",
    "port (default: PORT or 3000)": "porth (diofyn: PORT neu 3000)",
    "preview, run or follow a programme's round": "rhagweld, rhedeg neu ddilyn cylch rhaglen",
    "preview: what the next round would be (nothing is sent). run: run the round of the "
    "current period now and deliver its introductions. status: delivery progress of the latest "
    "round. cancel: cancel the latest round if it has sent nothing, so that its period can "
    "still run.":
        "preview: sut fyddai'r cylch nesaf (nid anfonir dim). run: rhedeg cylch y cyfnod "
        "presennol nawr ac anfon ei gyflwyniadau. status: cynnydd anfon y cylch diweddaraf. "
        "cancel: canslo'r cylch diweddaraf os nad yw wedi anfon dim, fel y gall ei gyfnod "
        "redeg o hyd.",
    "print every message (default: the first few of each kind a day)":
        "argraffu pob neges (diofyn: yr ychydig gyntaf o bob math bob dydd)",
    "print the preview (rows to invite, every problem) and change nothing":
        "argraffu'r rhagolwg (rhesi i'w gwahodd, pob problem) heb newid dim",
    "programme create: give the name once, as NAME":
        "programme create: rhowch yr enw unwaith, fel NAME",
    "programme name (WORKSPACE/NAME when several workspaces share it)":
        "enw'r rhaglen (WORKSPACE/NAME pan fo sawl gweithle'n ei rannu)",
    "programme set: give at least one KEY=VALUE, e.g. group_size=3":
        "programme set: rhowch o leiaf un KEY=VALUE, e.e. group_size=3",
    "programme {action}: give the programme's NAME": "programme {action}: rhowch NAME y rhaglen",
    "programme {action}: takes no KEY=VALUE settings":
        "programme {action}: nid yw'n derbyn gosodiadau KEY=VALUE",
    "rounds in which a past group may not meet again (default 6)":
        "cylchoedd pan na chaiff grŵp blaenorol gwrdd eto (diofyn 6)",
    "run every job due at an instant (rounds, intros, check-ins, reminders)":
        "rhedeg pob tasg sy'n ddyledus ar amser penodol (cylchoedd, cyflwyniadau, holiadau, "
        "nodiadau atgoffa)",
    "running": "yn rhedeg",
    "see {command}": "gweler {command}",
    "seed for the simulated answers": "hedyn ar gyfer yr atebion efelychiedig",
    "sent {sent}, failed {failed}, retrying {retried}":
        "anfonwyd {sent}, methwyd {failed}, yn ailgeisio {retried}",
    "serve HTTP only; for extra replicas beside one that runs the scheduler":
        "gweini HTTP yn unig; ar gyfer copïau ychwanegol wrth ochr un sy'n rhedeg yr "
        "amserlennydd",
    "set PAIRBOT_PUBLIC_URL (its /, /privacy and /terms pages go in the package), or give "
    "{options}":
        "gosodwch PAIRBOT_PUBLIC_URL (mae ei dudalennau /, /privacy a /terms yn mynd yn y "
        "pecyn), neu rhowch {options}",
    "settings": "gosodiadau",
    "suggest meeting times in the 14 days from this date":
        "awgrymu amseroedd cyfarfod yn y 14 diwrnod o'r dyddiad hwn",
    "suggested times per group, 0-5 (default 3)": "amseroedd a awgrymir i bob grŵp, 0-5 (diofyn 3)",
    "take the person off the list": "tynnu'r person oddi ar y rhestr",
    "the Entra tenant id (default: {variable})": "id tenant Entra (diofyn: {variable})",
    "the Slack team id or Teams tenant id (needed where several exist)":
        "id tîm Slack neu id tenant Teams (ei angen lle mae sawl un)",
    "the bot's Microsoft Entra application (client) id (default: {variable})":
        "id rhaglen (cleient) Microsoft Entra y bot (diofyn: {variable})",
    "the developer's {page} page, https:// (default: PAIRBOT_PUBLIC_URL + {path})":
        "tudalen {page} y datblygwr, https:// (diofyn: PAIRBOT_PUBLIC_URL + {path})",
    "the people to match": "y bobl i'w paru",
    "the person's Microsoft Entra object id": "id gwrthrych Microsoft Entra y person",
    "the programme to invite them to": "y rhaglen i'w gwahodd iddi",
    "the programme's name (default: the first)": "enw'r rhaglen (diofyn: y gyntaf)",
    "the programme's name; any characters, e.g. 'Nurses/AHPs'":
        "enw'r rhaglen; unrhyw nodau, e.e. 'Nurses/AHPs'",
    "the staff list, CSV UTF-8": "y rhestr staff, CSV UTF-8",
    "the workspace's platform, when --workspace alone cannot tell":
        "platfform y gweithle, pan na all --workspace ar ei ben ei hun ddweud",
    "then sign in at {url} with the PAIRBOT_ADMIN_TOKEN above.":
        "yna mewngofnodwch yn {url} gyda'r PAIRBOT_ADMIN_TOKEN uchod.",
    "tie-breaking seed: same files and seed, same result (default 0)":
        "hedyn torri cyfartal: yr un ffeiliau a hedyn, yr un canlyniad (diofyn 0)",
    "time zone of the windows and times (default Europe/London)":
        "cylchfa amser y ffenestri a'r amseroedd (diofyn Europe/London)",
    "two-sided mode: most A's with one B (default 1, pairs)":
        "modd dwy ochr: y nifer fwyaf o A gydag un B (diofyn 1, parau)",
    "upgrade the database to the newest schema": "uwchraddio'r gronfa ddata i'r sgema diweddaraf",
    "where to write the zip (default: %(default)s)":
        "ble i ysgrifennu'r sip (diofyn: %(default)s)",
    "write the Teams app package (zip) with the app id filled in":
        "ysgrifennu pecyn ap Teams (sip) gydag id yr ap wedi'i lenwi",
    "write the sample trust's history to the new SQLite file PATH, its term ending last month, "
    "and print how to open the console on it":
        "ysgrifennu hanes yr ymddiriedolaeth enghreifftiol i'r ffeil SQLite newydd PATH, gyda'i "
        "thymor yn dod i ben y mis diwethaf, ac argraffu sut i agor y consol arni",
    "{count} messages wait for a platform that is not configured here or for their retry time.":
        "Mae {count} neges yn aros am blatfform nad yw wedi'i ffurfweddu yma neu am eu hamser "
        "ailgeisio.",
    "{count} participants": "{count} cyfranogwr",
    "{members} (score {score})": "{members} (sgôr {score})",
    "{option}: must be at least {low}, not {number}":
        "{option}: rhaid iddo fod o leiaf {low}, nid {number}",
    "{option}: must be between {low} and {high}, not {number}":
        "{option}: rhaid iddo fod rhwng {low} a {high}, nid {number}",
    "{option}: {value} is not a whole number": "{option}: nid yw {value} yn rhif cyfan",
    "{path}: cannot be read ({reason})": "{path}: ni ellir ei darllen ({reason})",
    "{path}: cannot read ({reason})": "{path}: ni ellir darllen ({reason})",
    "{path}: is a directory, not a CSV file": "{path}: cyfeiriadur yw hwn, nid ffeil CSV",
    "{path}: is a folder, not a file": "{path}: ffolder yw hwn, nid ffeil",
    "{path}: line 1: missing column {name} (the header has: {header})":
        "{path}: llinell 1: colofn {name} ar goll (mae gan y pennawd: {header})",
    "{path}: line {line}": "{path}: llinell {line}",
    "{path}: line {line}: duplicate id {id} (first on line {first})":
        "{path}: llinell {line}: id dyblyg {id} (gyntaf ar linell {first})",
    "{path}: line {line}: empty id": "{path}: llinell {line}: id gwag",
    "{path}: line {line}: empty {column}": "{path}: llinell {line}: {column} gwag",
    "{path}: line {line}: longer than {limit} characters":
        "{path}: llinell {line}: hwy na {limit} nod",
    "{path}: line {line}: met {value} is not 1, 0 or empty":
        "{path}: llinell {line}: nid yw met {value} yn 1, 0 nac yn wag",
    "{path}: line {line}: missing side (two-sided mode needs A or B)":
        "{path}: llinell {line}: ochr ar goll (mae'r modd dwy ochr angen A neu B)",
    "{path}: line {line}: not UTF-8 text (save the file as UTF-8)":
        "{path}: llinell {line}: nid testun UTF-8 (cadwch y ffeil fel UTF-8)",
    "{path}: line {line}: round {value} is not a whole number":
        "{path}: llinell {line}: nid yw round {value} yn rhif cyfan",
    "{path}: line {line}: side {side} is not A or B":
        "{path}: llinell {line}: nid yw side {side} yn A nac yn B",
    "{path}: line {line}: unpaired_last_round {value} is not 1, 0 or empty":
        "{path}: llinell {line}: nid yw unpaired_last_round {value} yn 1, 0 nac yn wag",
    "{path}: line {line}: {reason}": "{path}: llinell {line}: {reason}",
    "{path}: line {line}: {values} values but only {columns} columns in the header":
        "{path}: llinell {line}: {values} gwerth ond dim ond {columns} colofn yn y pennawd",
    "{path}: no people after the header row": "{path}: dim pobl ar ôl rhes y pennawd",
    "{path}: no such file": "{path}: nid oes ffeil o'r fath",
    "{path}: the file is empty (expected a header row: {columns})":
        "{path}: mae'r ffeil yn wag (disgwylid rhes bennawd: {columns})",
    "{path}: the file is larger than {size} MB": "{path}: mae'r ffeil yn fwy na {size} MB",
    "{programme}: created.": "{programme}: wedi'i chreu.",
    "{programme}: organisers are now {organisers}.":
        "{programme}: y trefnwyr nawr yw {organisers}.",
    "{programme}: saved {keys}.": "{programme}: cadwyd {keys}.",
    "{programme}: {rows} rows read.": "{programme}: darllenwyd {rows} rhes.",
    "{where}: availability: {value} is not a window (use {windows})":
        "{where}: availability: nid yw {value} yn ffenestr (defnyddiwch {windows})",
    "{where}: away: {value} ends before it starts":
        "{where}: away: mae {value} yn gorffen cyn iddo ddechrau",
    "{where}: away: {value} is not a date or a range YYYY-MM-DD..YYYY-MM-DD":
        "{where}: away: nid yw {value} yn ddyddiad nac yn ystod YYYY-MM-DD..YYYY-MM-DD",
    "{where}: manager {id} is not an id in this file":
        "{where}: nid yw manager {id} yn id yn y ffeil hon",
    "{where}: manager {id} is the person themselves":
        "{where}: manager {id} yw'r person ei hun",
})

CY_PLURALS.update({
    "Refused: {count} problem found; nothing was imported.": (
        "Gwrthodwyd: dim problemau wedi'u canfod; ni fewnforiwyd dim.",
        "Gwrthodwyd: {count} broblem wedi'i chanfod; ni fewnforiwyd dim.",
        "Gwrthodwyd: {count} broblem wedi'u canfod; ni fewnforiwyd dim.",
        "Gwrthodwyd: {count} problem wedi'u canfod; ni fewnforiwyd dim.",
        "Gwrthodwyd: {count} problem wedi'u canfod; ni fewnforiwyd dim.",
        "Gwrthodwyd: {count} problem wedi'u canfod; ni fewnforiwyd dim."),
})


def _cli_texts() -> dict[str, str]:
    """`pairbot match`'s long help (DESCRIPTION, EPILOG in bot/cli/match.py), as written."""
    import ast

    path = Path(__file__).resolve().parents[2] / "bot" / "cli" / "match.py"
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Call) and node.value.args):
            found[node.targets[0].id] = ast.literal_eval(node.value.args[0])
    return found


_MATCH_HELP = {
    "DESCRIPTION": """\
Paru'r bobl yn PEOPLE.csv ar gyfer un cylch ac argraffu'r grwpiau, pwy a adawyd allan
a pham, a rhai ffigurau. Nid oes dim yn cael ei gadw ac nid oes angen platfform sgwrsio.

Mae gan PEOPLE.csv res bennawd ac mae'n UTF-8 (mae marc trefn beit yn iawn). Colofnau:
  id                   gofynnol, unigryw
  name                 gofynnol, yn cael ei ddangos yn y rhesymau
  profession           gofynnol, e.e. Junior doctor
  learn                dewisol: proffesiynau i ddysgu amdanynt, wedi'u gwahanu gan ';'
  side                 A neu B; gofynnol yn y modd dwy ochr
  unpaired_last_round  dewisol: 1 os cawsant eu gadael allan y tro diwethaf (cânt
                       flaenoriaeth), 0 neu wag
  availability         dewisol: pryd y gallant gwrdd fel arfer, allweddi ffenestri wedi'u
                       gwahanu gan ';' (weekday-morning 08-12, weekday-afternoon 12-17,
                       weekday-evening 17-21, weekday-night 21-08, a weekend-...);
                       gwag: unrhyw bryd
  away                 dewisol: dyddiadau i ffwrdd, YYYY-MM-DD..YYYY-MM-DD neu YYYY-MM-DD,
                       wedi'u gwahanu gan ';' (gan gynnwys y ddau ben)
  site, team           dewisol: ble maen nhw'n gweithio, eu tîm
  manager              dewisol: id eu rheolwr llinell (yn y ffeil hon)
  avoid                dewisol: ids na ddylid eu grwpio gyda nhw, wedi'u gwahanu gan ';'

Mae gan H.csv (--history) y colofnau round,group,id: un rhes i bob person ym mhob grŵp
blaenorol; mae round yn gyfanrif, mwy yw mwy diweddar. Anwybyddir ids nad ydynt yn
PEOPLE.csv (mae'r bobl hynny wedi gadael). Colofn met ddewisol: 1 wedi cwrdd, 0 heb
gwrdd erioed, gwag anhysbys; nid yw grŵp y mae gan bob un o'i resi 0 yn ailadrodd (oni
bai am --unmet-counts-as-repeat yes).

Rheolau: mae gan bobl mewn grŵp broffesiynau gwahanol (modd traws) neu, yn y modd dwy
ochr, mae grŵp yn un person o ochr B gyda hyd at --capacity o bobl o ochr A.
Nid oes neb yn cwrdd â rhywun y cawsant eu grwpio gyda nhw yn y --recency cylch olaf o'r
hanes (cylchoedd r > diweddaraf - recency); caniateir cyfarfodydd hŷn ond maen nhw'n
costio pwyntiau. Nid oes neb yn cael eu grwpio gyda'u rheolwr llinell nac unrhyw un ar
eu rhestr avoid. Caiff y nifer fwyaf o bobl eu grwpio yn gyntaf, yna gwneir y cyfanswm
sgôr mor uchel â phosibl. Gyda cholofn availability, mae pobl sy'n rhannu ffenestr yn
sgorio 6 phwynt yn fwy (nid gyda --no-availability); mae pobl ar yr un safle'n sgorio 2
yn fwy. Gyda --slots-from, caiff rhywun sydd i ffwrdd am bob un o'r 14 diwrnod o'r
dyddiad hwnnw ei adael allan (gyda blaenoriaeth y tro nesaf), ac mae pob grŵp yn cael
amseroedd a awgrymir yn y 14 diwrnod hynny.
""",
    "EPILOG": """\
allbwn:
  json (diofyn): {"groups": [{"members": [id, ...], "score": n, "reasons": [...]}],
                  "unpaired": [{"id": id, "reason": text}], "stats": {...}}
        mae stats yn cynnwys "optimal" (true pan nad oes grwpio o gynifer o bobl yn
        sgorio mwy: wedi'i brofi), "bound" (terfyn uchaf y sgôr, wedi'i brofi) a "gap"
        (bound llai score; parau: o sgôr y pâr) a "groups_with_common_time";
        mae gan bob grŵp "common_windows" a, gyda --slots-from, "slots":
        [{"start": ISO-8601 gyda gwrthbwyso, "end": ...}]
  csv: pennawd group,id,name,profession,score,reasons,common_windows,slots ac un rhes
       i bob person mewn grŵp (group yw rhif y grŵp, o 1; caiff reasons a slots eu
       huno gyda " | ", windows gyda ";", slot yw START/END), yna un rhes i bob person
       a adawyd allan, gyda group a score gwag a'r rheswm.

enghraifft:
  pairbot match examples/people.csv --history examples/history.csv --seed 7
  pairbot match people.csv --mode two-sided --capacity 2 --format csv > groups.csv

Mae ffeil wael yn stopio gydag un llinell sy'n enwi'r ffeil, y llinell a'r broblem
(allanfa 2).
""",
}
CY.update({_cli_texts()[name]: welsh for name, welsh in _MATCH_HELP.items()})

"""電話やSMSのサギに気をつける: scam calls and text messages, and what to do about them.

The words a scammer says or writes stay in Japanese in every language, with their
meaning: that is what the resident will hear or read.
"""

from cms.demo_content.base import ASK, Article

SMS = "scam-sms-link"
HOTLINE = "call-188"

# fmt: off
# One block or step a line, so the versions compare line by line.
ARTICLE = Article(
    slug="phone-scams",
    topic="scams",
    level="applied",
    phones=("iphone", "android", "easy"),
    versions={
        "ja": (
            "電話やSMSのサギに気をつける",
            "市役所や銀行、宅配便を名乗るサギの見分け方と、受け取ったときにすることです。",
            [
                ("warning", ("「お金が戻ります」はサギです", "市役所や税務署が、電話でATMに行くように言うことはありません。「還付金があります」と言われたら、すぐに電話を切ってください。")),
                ("heading", "こんな電話やメッセージに注意"),
                ("paragraph", "<ul><li>「荷物をお届けできませんでした」とリンクがついたSMS</li><li>「料金が未払いです。今日中に連絡してください」という電話やSMS</li><li>「当選しました」「ポイントが失効します」というメッセージ</li></ul>"),
                ("heading", "受け取ったときは"),
                ("steps", [
                    ("リンクは押さないでください。", SMS, "宅配便を名乗るSMS。「お荷物をお届けできませんでした」という文とリンクがあり、リンクに赤い×がついています。"),
                    "書かれている電話番号に、かけないでください。",
                    ("家族や、消費者ホットライン「188」に相談してください。188は、近くの消費生活センターにつながる電話番号です。", HOTLINE, "電話の画面。「188」と入力され、「消費者ホットライン」と表示されています。"),
                    "心配なメッセージは、消してかまいません。",
                ]),
                ("tip", "家の電話は、いつも留守番電話にしておくと安心です。相手を確かめてから出られます。"),
                ASK,
            ],
        ),
        "ja-x-easy": (
            "電話や SMS の サギに 気を つけましょう",
            "市役所や 銀行、にもつを とどける 会社の ふりを する サギが あります。見分けかたと、する ことを 書きます。",
            [
                ("warning", ("「お金が もどります」は サギです", "市役所や 税務署（ぜいきんの 役所）は、電話で「ATMに 行って ください」と 言いません。「還付金が あります」（お金を かえします）と 言われたら、すぐに 電話を 切って ください。")),
                ("heading", "こんな 電話や メッセージに 気を つけましょう"),
                ("paragraph", "<ul><li>「荷物を お届け できませんでした」と 書いて あって、リンクが ある SMS</li><li>「お金を はらって いません。今日 れんらく して ください」と いう 電話や SMS</li><li>「あたりました」「ポイントが なくなります」と いう メッセージ</li></ul>"),
                ("heading", "メッセージが 来たら"),
                ("steps", [
                    ("リンクを おさないで ください。", SMS, "にもつの 会社の ふりを した SMS です。リンクに 赤い ×が ついて います。"),
                    "書いて ある 電話番号に、電話しないで ください。",
                    ("家族に そうだん して ください。消費者ホットライン「188」に 電話しても いいです。188は、近くの 消費生活センターに つながる 電話です。お金や 買い物で こまった ときに、そうだん できます。", HOTLINE, "電話の 画面です。「188」と 入れて あります。「消費者ホットライン」と 書いて あります。"),
                    "しんぱいな メッセージは、消しても いいです。",
                ]),
                ("tip", "家の 電話は、いつも「留守番電話」に しましょう。だれからか わかってから 電話に 出られるので、あんしんです。"),
                ASK,
            ],
        ),
        "en": (
            "Watch out for scam calls and text messages",
            "How to spot scams that pretend to be the city office, a bank or a delivery company, and what to do.",
            [
                ("warning", ("“You will get money back” is a scam", "The city office and the tax office never ask you by phone to go to an ATM. If someone says 「還付金があります」 (“you have a refund”), hang up at once.")),
                ("heading", "Be careful with"),
                ("paragraph", "<ul><li>A text with a link saying 「荷物をお届けできませんでした」 (“We could not deliver your parcel”)</li><li>Calls or texts saying 「料金が未払いです。今日中に連絡してください」 (“You have an unpaid bill. Contact us today”)</li><li>Messages saying 「当選しました」 (“You have won”) or 「ポイントが失効します」 (“Your points will expire”)</li></ul>"),
                ("heading", "If you receive one"),
                ("steps", [
                    ("Do not tap the link.", SMS, "A text message pretending to be from a delivery company, saying your parcel could not be delivered (荷物をお届けできませんでした), with its link crossed out in red."),
                    "Do not call the number in the message.",
                    ("Talk to your family, or call the consumer hotline 「消費者ホットライン」 on 188. It puts you through to your local consumer affairs centre 「消費生活センター」.", HOTLINE, "A phone's dial screen with 188 entered and the name consumer hotline (消費者ホットライン)."),
                    "You can delete a message that worries you.",
                ]),
                ("tip", "Keep your home phone on the answering machine 「留守番電話」: you can check who is calling before you pick up."),
                ASK,
            ],
        ),
        "zh-hans": (
            "当心电话和短信诈骗",
            "如何识别冒充市政府、银行或快递公司的诈骗，以及收到后该怎么做。",
            [
                ("warning", ("“可以退钱给您”是诈骗", "市政府和税务署绝不会打电话让您去ATM。如果有人说「還付金があります」（有退款给您），请立刻挂断电话。")),
                ("heading", "小心这样的电话和信息"),
                ("paragraph", "<ul><li>写着「荷物をお届けできませんでした」（您的包裹无法投递）并附有链接的短信</li><li>说「料金が未払いです。今日中に連絡してください」（您有未付款项，请今天之内联系）的电话或短信</li><li>说「当選しました」（您中奖了）或「ポイントが失効します」（积分即将失效）的信息</li></ul>"),
                ("heading", "收到时怎么办"),
                ("steps", [
                    ("不要点击链接。", SMS, "一条冒充快递公司的短信，写着包裹无法投递（荷物をお届けできませんでした），链接上打着红色的叉。"),
                    "不要拨打信息里写的电话号码。",
                    ("请和家人商量，或拨打消费者热线「消費者ホットライン」188。188会为您接通附近的消费生活中心「消費生活センター」。", HOTLINE, "手机拨号画面，输入了188，显示着消费者热线（消費者ホットライン）。"),
                    "令人担心的信息，可以直接删除。",
                ]),
                ("tip", "家里的电话最好一直设为「留守番電話」（自动留言模式）。这样可以先确认对方是谁再接听，比较放心。"),
                ASK,
            ],
        ),
        "ko": (
            "전화와 문자 사기를 조심하세요",
            "시청, 은행, 택배 회사를 사칭하는 사기를 구별하는 방법과 받았을 때 할 일입니다.",
            [
                ("warning", ("'돈을 돌려드립니다'는 사기입니다", "시청이나 세무서가 전화로 ATM에 가라고 하는 일은 없습니다. 「還付金があります」(환급금이 있습니다)라는 말을 들으면 바로 전화를 끊으세요.")),
                ("heading", "이런 전화와 메시지를 조심하세요"),
                ("paragraph", "<ul><li>「荷物をお届けできませんでした」(택배를 배달하지 못했습니다)라는 말과 링크가 있는 문자</li><li>「料金が未払いです。今日中に連絡してください」(요금이 미납되었습니다. 오늘 중으로 연락해 주세요)라는 전화나 문자</li><li>「当選しました」(당첨되었습니다), 「ポイントが失効します」(포인트가 소멸됩니다)라는 메시지</li></ul>"),
                ("heading", "받았을 때는"),
                ("steps", [
                    ("링크를 누르지 마세요.", SMS, "택배 회사를 사칭한 문자. 택배를 배달하지 못했다(荷物をお届けできませんでした)는 문장과 링크가 있고, 링크에 빨간 X 표시가 있습니다."),
                    "메시지에 적힌 전화번호로 전화하지 마세요.",
                    ("가족과 상의하거나, 소비자 핫라인 「消費者ホットライン」 188에 전화해 상담하세요. 188에 걸면 가까운 소비생활센터 「消費生活センター」로 연결됩니다.", HOTLINE, "전화 화면. 188이 입력되어 있고 소비자 핫라인(消費者ホットライン)이라고 표시되어 있습니다."),
                    "걱정되는 메시지는 지워도 괜찮습니다.",
                ]),
                ("tip", "집 전화는 항상 「留守番電話」(자동 응답)로 설정해 두면 안심할 수 있습니다. 누구에게서 온 전화인지 확인한 뒤에 받을 수 있습니다."),
                ASK,
            ],
        ),
        "vi": (
            "Cảnh giác với lừa đảo qua điện thoại và tin nhắn SMS",
            "Cách nhận ra kẻ lừa đảo giả danh tòa thị chính, ngân hàng hay công ty giao hàng, và những việc cần làm khi nhận được cuộc gọi hay tin nhắn như vậy.",
            [
                ("warning", ("“Tiền sẽ được trả lại” là lừa đảo", "Tòa thị chính và cơ quan thuế không bao giờ gọi điện bảo quý vị đến máy ATM. Nếu ai đó nói 「還付金があります」 (“có tiền hoàn lại”), hãy cúp máy ngay.")),
                ("heading", "Hãy cẩn thận với các cuộc gọi và tin nhắn như sau"),
                ("paragraph", "<ul><li>SMS có đường link, viết 「荷物をお届けできませんでした」 (“Chúng tôi không giao được hàng”)</li><li>Cuộc gọi hoặc SMS nói 「料金が未払いです。今日中に連絡してください」 (“Có khoản phí chưa thanh toán. Hãy liên lạc ngay trong hôm nay”)</li><li>Tin nhắn nói 「当選しました」 (“Đã trúng thưởng”) hoặc 「ポイントが失効します」 (“Điểm thưởng sắp hết hạn”)</li></ul>"),
                ("heading", "Khi nhận được"),
                ("steps", [
                    ("Đừng chạm vào đường link.", SMS, "Một SMS giả danh công ty giao hàng, nói không giao được hàng (荷物をお届けできませんでした), đường link bị gạch chéo màu đỏ."),
                    "Đừng gọi vào số điện thoại ghi trong tin nhắn.",
                    ("Hãy hỏi ý kiến gia đình, hoặc gọi đường dây nóng tiêu dùng 「消費者ホットライン」 số 188. Số 188 sẽ nối quý vị đến trung tâm tư vấn tiêu dùng 「消費生活センター」 gần nhà.", HOTLINE, "Màn hình gọi điện, đã nhập số 188, có hiện chữ đường dây nóng tiêu dùng (消費者ホットライン)."),
                    "Tin nhắn nào làm quý vị lo lắng thì có thể xóa đi.",
                ]),
                ("tip", "Nên luôn để điện thoại bàn ở chế độ 「留守番電話」 (máy trả lời tự động) cho yên tâm: quý vị có thể biết ai gọi rồi mới nhấc máy."),
                ASK,
            ],
        ),
        "pt-br": (
            "Cuidado com golpes por telefone e SMS",
            "Como reconhecer golpes de quem finge ser da prefeitura, de um banco ou de uma transportadora, e o que fazer.",
            [
                ("warning", ("“Você vai receber dinheiro de volta” é golpe", "A prefeitura e a repartição de impostos nunca pedem por telefone que você vá a um caixa eletrônico (ATM). Se alguém disser 「還付金があります」 (“você tem uma restituição”), desligue na hora.")),
                ("heading", "Cuidado com ligações e mensagens assim"),
                ("paragraph", "<ul><li>SMS com link dizendo 「荷物をお届けできませんでした」 (“Não conseguimos entregar sua encomenda”)</li><li>Ligações ou SMS dizendo 「料金が未払いです。今日中に連絡してください」 (“Há uma conta não paga. Entre em contato hoje”)</li><li>Mensagens dizendo 「当選しました」 (“Você ganhou um prêmio”) ou 「ポイントが失効します」 (“Seus pontos vão expirar”)</li></ul>"),
                ("heading", "Se você receber uma delas"),
                ("steps", [
                    ("Não toque no link.", SMS, "Um SMS fingindo ser de uma transportadora, dizendo que a encomenda não foi entregue (荷物をお届けできませんでした), com o link riscado com um X vermelho."),
                    "Não ligue para o número da mensagem.",
                    ("Converse com sua família ou ligue para a linha do consumidor 「消費者ホットライン」, número 188. O 188 liga você ao centro do consumidor 「消費生活センター」 mais próximo.", HOTLINE, "Tela de chamada com o número 188 digitado e o nome linha do consumidor (消費者ホットライン)."),
                    "Pode apagar sem medo as mensagens que parecerem suspeitas.",
                ]),
                ("tip", "Deixe o telefone fixo sempre no modo 「留守番電話」 (secretária eletrônica): assim você sabe quem está ligando antes de atender."),
                ASK,
            ],
        ),
    },
)
# fmt: on

"""The accessibility policy and the privacy notice in every language: (title, intro, body).

The translations keep the Japanese body's headings, paragraphs and list items one
for one: wagtail-localize translates the body segment by segment.
"""

ACCESSIBILITY = {
    "ja": (
        "ウェブアクセシビリティ方針",
        "だれでも使えるウェブサイトを目指しています。",
        """
<h2>対象</h2>
<p>このウェブサイト「つなぐ」のすべてのページ（教室の案内、申込、講師用のページ、使い方の説明）を対象とします。</p>
<h2>目標とする水準</h2>
<p>日本産業規格 JIS X 8341-3:2016 の適合レベル AA に準拠することを目標とします。あわせて WCAG 2.2 の AA を満たすようにしています。</p>
<h2>確認の方法</h2>
<ul>
<li>ページを変更するたびに、自動検査ツール（axe-core）で問題がないかを確かめています。</li>
<li>キーボードだけで操作できること、文字を大きくしても読めること、読み上げソフトで読めることを確かめています。</li>
<li>文字の大きさは18ピクセル以上、押すところは48ピクセル以上にしています。</li>
</ul>
<h2>お気づきの点</h2>
<p>読みにくいところ、使いにくいところがあれば、電話窓口までお知らせください。</p>
""",
    ),
    "ja-x-easy": (
        "だれでも つかえる ウェブサイトに します",
        "だれでも つかえる ウェブサイトを めざして います。",
        """
<h2>どの ページ</h2>
<p>この ウェブサイト「つなぐ」の ぜんぶの ページです。</p>
<h2>めあて</h2>
<p>JIS X 8341-3:2016 の AA と、WCAG 2.2 の AA に あうように します。</p>
<h2>たしかめかた</h2>
<ul>
<li>ページを かえる たびに、axe-core と いう ソフトで しらべます。</li>
<li>キーボードだけで つかえるか、字を 大きく しても 読めるか、読みあげの ソフトで 読めるか、しらべます。</li>
<li>字は 18ピクセル より 大きく、おす ところは 48ピクセル より 大きく します。</li>
</ul>
<h2>こまった ときは</h2>
<p>読みにくい ところや、つかいにくい ところが あったら、電話で 教えて ください。</p>
""",
    ),
    "en": (
        "Web accessibility policy",
        "We want this website to work for everyone.",
        """
<h2>Scope</h2>
<p>Every page of this website, Tsunagu: class listings, registration, trainers' pages and help guides.</p>
<h2>Target</h2>
<p>We aim to conform to Japanese Industrial Standard JIS X 8341-3:2016 at level AA, and to WCAG 2.2 level AA.</p>
<h2>How pages are tested</h2>
<ul>
<li>Every change is checked with the automated tool axe-core.</li>
<li>We check that pages work with a keyboard alone, with enlarged text and with a screen reader.</li>
<li>Body text is at least 18 pixels and everything you tap is at least 48 pixels.</li>
</ul>
<h2>Tell us</h2>
<p>If something is hard to read or use, please call the desk.</p>
""",
    ),
    "zh-hans": (
        "网站无障碍方针",
        "我们希望这个网站人人都能使用。",
        """
<h2>适用范围</h2>
<p>本网站“Tsunagu（つなぐ）”的所有页面（讲座介绍、报名、讲师用页面、使用说明）。</p>
<h2>目标水平</h2>
<p>以符合日本工业标准 JIS X 8341-3:2016 的 AA 级为目标，同时满足 WCAG 2.2 的 AA 级。</p>
<h2>检查方法</h2>
<ul>
<li>每次修改页面时，都用自动检查工具 axe-core 确认没有问题。</li>
<li>确认只用键盘也能操作，放大文字后也能阅读，用读屏软件也能阅读。</li>
<li>正文文字不小于 18 像素，可点击的地方不小于 48 像素。</li>
</ul>
<h2>意见与建议</h2>
<p>如有难以阅读或难以使用的地方，请打电话告诉咨询窗口。</p>
""",
    ),
    "ko": (
        "웹 접근성 방침",
        "누구나 이용할 수 있는 웹사이트를 목표로 합니다.",
        """
<h2>대상</h2>
<p>이 웹사이트 'Tsunagu(つなぐ)'의 모든 페이지(교실 안내, 신청, 강사용 페이지, 사용법 안내)가 대상입니다.</p>
<h2>목표 수준</h2>
<p>일본 산업 규격 JIS X 8341-3:2016의 적합 레벨 AA 준수를 목표로 합니다. 아울러 WCAG 2.2의 AA를 충족하도록 하고 있습니다.</p>
<h2>확인 방법</h2>
<ul>
<li>페이지를 바꿀 때마다 자동 검사 도구(axe-core)로 문제가 없는지 확인합니다.</li>
<li>키보드만으로 조작할 수 있는지, 글자를 크게 해도 읽을 수 있는지, 화면 낭독 프로그램으로 읽을 수 있는지 확인합니다.</li>
<li>본문 글자는 18픽셀 이상, 누르는 곳은 48픽셀 이상으로 하고 있습니다.</li>
</ul>
<h2>의견 보내기</h2>
<p>읽기 어렵거나 사용하기 어려운 곳이 있으면 전화 창구로 알려 주세요.</p>
""",
    ),
    "vi": (
        "Chính sách tiếp cận của trang web",
        "Chúng tôi muốn trang web này ai cũng dùng được.",
        """
<h2>Phạm vi</h2>
<p>Tất cả các trang của trang web Tsunagu (つなぐ) này: giới thiệu lớp học, đăng ký, trang dành cho giảng viên và hướng dẫn sử dụng.</p>
<h2>Mục tiêu</h2>
<p>Chúng tôi hướng tới mức AA của Tiêu chuẩn Công nghiệp Nhật Bản JIS X 8341-3:2016, đồng thời đáp ứng mức AA của WCAG 2.2.</p>
<h2>Cách kiểm tra</h2>
<ul>
<li>Mỗi lần thay đổi trang, chúng tôi kiểm tra bằng công cụ tự động axe-core.</li>
<li>Chúng tôi kiểm tra rằng trang dùng được chỉ bằng bàn phím, đọc được khi phóng to chữ và đọc được bằng phần mềm đọc màn hình.</li>
<li>Chữ của nội dung có cỡ từ 18 pixel trở lên, chỗ để chạm có cỡ từ 48 pixel trở lên.</li>
</ul>
<h2>Góp ý</h2>
<p>Nếu có chỗ khó đọc hoặc khó dùng, xin hãy gọi điện báo cho quầy tư vấn.</p>
""",
    ),
    "pt-br": (
        "Política de acessibilidade do site",
        "Queremos que este site funcione para todas as pessoas.",
        """
<h2>Abrangência</h2>
<p>Todas as páginas deste site, Tsunagu (つなぐ): lista de aulas, inscrição, páginas dos instrutores e guias de uso.</p>
<h2>Meta</h2>
<p>Buscamos a conformidade com o nível AA da Norma Industrial Japonesa JIS X 8341-3:2016 e com o nível AA das WCAG 2.2.</p>
<h2>Como as páginas são verificadas</h2>
<ul>
<li>Cada alteração é verificada com a ferramenta automática axe-core.</li>
<li>Verificamos se as páginas funcionam só com o teclado, com o texto ampliado e com leitor de tela.</li>
<li>O texto tem pelo menos 18 pixels e tudo o que se toca tem pelo menos 48 pixels.</li>
</ul>
<h2>Fale conosco</h2>
<p>Se algo estiver difícil de ler ou de usar, ligue para o atendimento.</p>
""",
    ),
}

PRIVACY = {
    "ja": (
        "個人情報の取り扱い",
        "お預かりする情報と、その使い方をお知らせします。",
        """
<h2>お預かりする情報</h2>
<p>教室のお申し込みのときに、お名前、ふりがな、電話番号、お住まいの地区、年代、使うことば、連絡の方法をお預かりします。</p>
<h2>使う目的</h2>
<ul>
<li>教室の受付と、ご案内・リマインダー（SMS または自動音声の電話）のため。</li>
<li>教室の当日に、講師が出欠を確認するため（講師には電話番号の一部だけが表示されます）。</li>
<li>個人が分からない形に集計して、市の事業の振り返りに使うため。</li>
</ul>
<p>ほかの目的には使いません。法令に基づく場合を除き、第三者に渡しません。</p>
<h2>保存する期間</h2>
<p>最後に参加した教室の年度の翌年度末まで保存し、その後に消去します。集計した数字は、個人が分からない形で保存します。</p>
<h2>取り消し・停止</h2>
<p>申し込みはいつでも取り消せます。SMSは「STOP」と返信すると届かなくなります。情報の確認や消去のご希望は、電話窓口までご連絡ください。</p>
""",
    ),
    "ja-x-easy": (
        "あなたの 情報の あつかいかた",
        "あずかる 情報と、その つかいかたを 書きます。",
        """
<h2>あずかる 情報</h2>
<p>教室に もうしこむ とき、名前、名前の よみかた、電話番号、すんで いる 地区、年れい（だいたい）、つかう ことば、れんらくの しかたを あずかります。</p>
<h2>なにに つかうか</h2>
<ul>
<li>教室の うけつけと、おしらせ（SMS か、きかいの こえの 電話）の ため。</li>
<li>教室の 日に、先生が 来た 人を たしかめる ため（先生には 電話番号の 一部だけが 見えます）。</li>
<li>だれの ことか わからない 形で 数を かぞえて、市の しごとを ふりかえる ため。</li>
</ul>
<p>ほかの ことには つかいません。法りつで きまって いる とき いがいは、ほかの 人に わたしません。</p>
<h2>いつまで のこすか</h2>
<p>さいごに 来た 教室の 年度の、つぎの 年度の おわり（3月31日）まで のこします。その あと けします。かぞえた 数は、だれの ことか わからない 形で のこします。</p>
<h2>とりけし・ていし</h2>
<p>もうしこみは いつでも とりけせます。SMS に「STOP」と へんじを すると、SMS が 来なく なります。情報を 見たい ときや けして ほしい ときは、電話して ください。</p>
""",
    ),
    "en": (
        "Privacy notice",
        "What personal data we keep and how we use it.",
        """
<h2>What we keep</h2>
<p>When you register for a class we keep your name, its reading in kana, your phone number, your district, your age band, your language and how you want to be contacted.</p>
<h2>Why</h2>
<ul>
<li>To take your registration and send notices and reminders (SMS or an automated voice call).</li>
<li>So the trainer can take attendance on the day (trainers see only part of your phone number).</li>
<li>To count, without naming anyone, how the city's programme is doing.</li>
</ul>
<p>We use it for nothing else and give it to no one else, except where the law requires.</p>
<h2>How long</h2>
<p>Until the end of the fiscal year after the one of the last class you came to; then it is deleted. Counts are kept without names.</p>
<h2>Cancelling and stopping</h2>
<p>You can cancel a registration at any time. Reply STOP to an SMS to receive no more. To see or delete your data, call the desk.</p>
""",
    ),
    "zh-hans": (
        "个人信息的处理",
        "说明我们保管哪些信息，以及如何使用。",
        """
<h2>保管的信息</h2>
<p>报名参加讲座时，我们会保管您的姓名、姓名的假名读音、电话号码、居住地区、年龄段、使用的语言和联系方式。</p>
<h2>使用目的</h2>
<ul>
<li>用于受理报名，以及发送通知和提醒（短信或自动语音电话）。</li>
<li>用于讲座当天讲师确认出席情况（讲师只能看到电话号码的一部分）。</li>
<li>在无法识别个人的情况下进行统计，用于回顾市里的工作。</li>
</ul>
<p>不用于其他目的。除法律规定的情况外，不提供给第三方。</p>
<h2>保管期限</h2>
<p>保管到您最后参加的讲座所在年度（日本的年度为4月至次年3月）的下一个年度结束为止，之后删除。统计数字以无法识别个人的形式保存。</p>
<h2>取消与停止</h2>
<p>报名可以随时取消。回复短信“STOP”后，将不再收到短信。如需查看或删除您的信息，请打电话联系咨询窗口。</p>
""",
    ),
    "ko": (
        "개인정보 처리방침",
        "보관하는 정보와 그 이용 방법을 알려 드립니다.",
        """
<h2>보관하는 정보</h2>
<p>교실 신청 시 이름, 이름 읽는 법(가나), 전화번호, 거주 지역, 연령대, 사용하는 언어, 연락 방법을 보관합니다.</p>
<h2>사용 목적</h2>
<ul>
<li>교실 접수와 안내·알림(SMS 또는 자동 음성 전화)을 위해.</li>
<li>교실 당일 강사가 출석을 확인하기 위해(강사에게는 전화번호의 일부만 표시됩니다).</li>
<li>개인을 알 수 없는 형태로 집계하여 시 사업을 점검하는 데 활용하기 위해.</li>
</ul>
<p>다른 목적으로는 쓰지 않습니다. 법령에 따른 경우를 제외하고 제3자에게 제공하지 않습니다.</p>
<h2>보관 기간</h2>
<p>마지막으로 참가하신 교실이 속한 회계연도(일본의 회계연도는 4월부터 다음 해 3월까지)의 다음 회계연도 말까지 보관한 뒤 삭제합니다. 집계한 숫자는 개인을 알 수 없는 형태로 보관합니다.</p>
<h2>취소·중지</h2>
<p>신청은 언제든지 취소할 수 있습니다. SMS에 'STOP'이라고 답장하면 더 이상 SMS가 오지 않습니다. 정보 확인이나 삭제를 원하시면 전화 창구로 연락해 주세요.</p>
""",
    ),
    "vi": (
        "Cách xử lý thông tin cá nhân",
        "Những thông tin chúng tôi giữ và cách chúng tôi sử dụng.",
        """
<h2>Thông tin chúng tôi giữ</h2>
<p>Khi quý vị đăng ký lớp học, chúng tôi giữ họ tên, cách đọc tên bằng chữ kana, số điện thoại, khu vực quý vị sống, nhóm tuổi, ngôn ngữ quý vị dùng và cách liên lạc quý vị muốn.</p>
<h2>Mục đích sử dụng</h2>
<ul>
<li>Để nhận đăng ký lớp học và gửi thông báo, tin nhắc (SMS hoặc cuộc gọi thoại tự động).</li>
<li>Để giảng viên điểm danh vào ngày học (giảng viên chỉ thấy một phần số điện thoại của quý vị).</li>
<li>Để thống kê ở dạng không nhận biết được cá nhân, nhằm đánh giá lại hoạt động của thành phố.</li>
</ul>
<p>Chúng tôi không dùng vào mục đích khác và không cung cấp cho bên thứ ba, trừ trường hợp pháp luật quy định.</p>
<h2>Thời gian lưu giữ</h2>
<p>Lưu đến hết năm tài chính tiếp theo năm của lớp học cuối cùng quý vị tham gia, sau đó xóa. Các con số thống kê được giữ ở dạng không nhận biết được cá nhân.</p>
<h2>Hủy và ngừng nhận tin</h2>
<p>Quý vị có thể hủy đăng ký bất cứ lúc nào. Nếu trả lời SMS bằng chữ “STOP”, quý vị sẽ không nhận SMS nữa. Nếu muốn xem hoặc xóa thông tin của mình, hãy gọi điện cho quầy tư vấn.</p>
""",
    ),
    "pt-br": (
        "Aviso de privacidade",
        "Quais dados pessoais guardamos e como os usamos.",
        """
<h2>O que guardamos</h2>
<p>Quando você se inscreve em uma aula, guardamos seu nome, a leitura do nome em kana, seu telefone, o distrito onde mora, sua faixa etária, seu idioma e a forma de contato que prefere.</p>
<h2>Para quê</h2>
<ul>
<li>Para receber sua inscrição e enviar avisos e lembretes (SMS ou ligação com voz automática).</li>
<li>Para o instrutor registrar a presença no dia (o instrutor vê só uma parte do seu telefone).</li>
<li>Para fazer estatísticas, sem identificar ninguém, e avaliar o programa da cidade.</li>
</ul>
<p>Não usamos para mais nada e não passamos a ninguém, exceto quando a lei exigir.</p>
<h2>Por quanto tempo</h2>
<p>Até o fim do ano fiscal seguinte ao da última aula de que você participou; depois, os dados são apagados. Os números são guardados sem identificar ninguém.</p>
<h2>Cancelar e parar</h2>
<p>Você pode cancelar a inscrição a qualquer momento. Se você responder “STOP” a um SMS, não receberá mais SMS. Para ver ou apagar seus dados, ligue para o atendimento.</p>
""",
    ),
}

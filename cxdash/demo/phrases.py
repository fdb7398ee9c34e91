"""Data of the demo feedback: phrase banks, slot fillers and the weight tables it is drawn from."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

TOPIC_LABELS: dict[str, dict[str, str]] = {
    "billing_error": {"zh": "计费错误", "en": "Billing error"},
    "broadband_install_delay": {"zh": "宽带安装延误", "en": "Broadband installation delay"},
    "broadband_speed": {"zh": "宽带网速慢", "en": "Slow broadband"},
    "broadband_outage": {"zh": "宽带断网", "en": "Broadband outage"},
    "mobile_signal": {"zh": "手机信号差", "en": "Weak mobile signal"},
    "mobile_data_plan": {"zh": "流量与漫游资费", "en": "Data plans and roaming"},
    "app_login": {"zh": "App登录问题", "en": "App login problems"},
    "app_usability": {"zh": "App不好用", "en": "App usability"},
    "tv_channels": {"zh": "电视画面与频道", "en": "TV picture and channels"},
    "store_service": {"zh": "营业厅服务", "en": "Store service"},
    "hotline_wait": {"zh": "热线等待", "en": "Hotline waiting"},
    "repair_response": {"zh": "报修响应慢", "en": "Slow repair response"},
    "contract_cancel": {"zh": "销户退订难", "en": "Cancellation hassle"},
    "price_complaint": {"zh": "资费太贵", "en": "Price complaints"},
    "privacy_spam": {"zh": "营销骚扰与隐私", "en": "Marketing spam and privacy"},
    "praise_staff": {"zh": "表扬员工", "en": "Praise for staff"},
    "praise_speed": {"zh": "表扬办事效率", "en": "Praise for speed"},
    "need_feature": {"zh": "新功能需求", "en": "Feature requests"},
    "need_store_hours": {"zh": "营业时间需求", "en": "Store opening hours"},
    "general_enquiry": {"zh": "一般咨询", "en": "General enquiries"},
    "number_porting": {"zh": "携号转网", "en": "Number porting"},
    "refund_delay": {"zh": "退款慢", "en": "Refund delays"},
    "wifi_coverage": {"zh": "WiFi覆盖", "en": "WiFi coverage"},
    "sim_activation": {"zh": "开卡与补卡", "en": "SIM activation and replacement"},
}
TOPICS: tuple[str, ...] = tuple(TOPIC_LABELS)
KINDS = ("problem", "need", "praise", "other")
SEGMENTS = ("consumer", "family", "enterprise")
TENURES = ("new", "established", "long")
STORY_KEYS = ("", "story billing_spike", "story app_release")

ZH = """
[billing_error problem]
{month}月的账单多扣了{amount}元，我根本没用过这个业务
这个月话费莫名其妙多了{amount}块，查了详单也看不明白
同一笔费用扣了两次，{amount}元被重复扣款
账单里有一项增值业务费，我从来没订过
套餐明明是{fee}元，结果{month}月扣了{amount}元
宽带已经交过年费了，怎么每个月还在扣月租
自动续费了一个我没开通的会员，扣了{amount}元
{who}的账单金额不对，比平时多了{amount}块钱
已经销户的号码还在扣费，这算怎么回事？
充值{amount}元显示成功了，余额却一点没变
说好的优惠没有生效，{month}月还是按原价收的费
账单上多出一笔{amount}元的流量费，可我开的是不限量套餐
[billing_error need]
把{month}月多扣的{amount}元退给我
在账单里把每一项费用写清楚
扣费之前先发个短信提醒
查一下为什么会重复扣费
给我出一份详细的扣费明细

[broadband_install_delay problem]
预约了{when}上门装宽带，师傅一直没来
宽带办了{days}天了还没人来安装
约好的安装时间，师傅迟到了{hours}个小时
装宽带的师傅说好上午来，等到下午都没人
新房等着装宽带，一拖再拖，已经{weeks}个星期了
安装工单一直显示待派单，打电话也没人管
师傅临时改约了{times}次，到现在都没装上
说我们小区没有端口要等排期，也不说等到什么时候
搬家移机申请了{days}天，还是没人联系我
请了一天假在家等装宽带，结果师傅放鸽子
[broadband_install_delay need]
给个准确的上门安装时间
这周内安排师傅上门把宽带装好
改约之前提前打个电话确认
在App里能看到安装师傅的进度
周末也能安排上门安装

[broadband_speed problem]
办的是{speed}M宽带，测速只有{actual}M
晚上一到八点网速就特别慢，视频都卡
{who}的宽带网速越来越慢，打游戏延迟很高
开视频会议老是卡顿，网速根本达不到{speed}M
{place}网速慢得像蜗牛，网页都打不开
升级到{speed}M以后感觉一点都没变快
下载速度只有几百K，这还叫光纤吗？
一到周末网速就掉到{actual}M左右
测了好几次，速度连套餐的一半都不到
[broadband_speed need]
免费把宽带提速到{speed}M
派人来检测一下线路为什么这么慢
让晚上高峰期的网速稳定一点
网速达不到标准的时候按比例退费

[broadband_outage problem]
宽带三天两头掉线，一天断好几次
{when}开始宽带就连不上了，光猫红灯一直闪
晚上经常断网，重启{device}也没用
宽带断了{hours}个小时，一点通知都没有
一下雨网络就断，已经好几次了
{who}的网络从{when}到现在一直时好时坏
网络每隔半小时就断一次，根本没法正常用
整栋楼都断网了，到现在也没恢复
光猫显示LOS红灯，打客服只说在排查
[broadband_outage need]
断网的时候发个短信通知一下
把断网期间的月租按天退还
给我换一个新的{device}
检修之前提前告知停网时间

[mobile_signal problem]
{place}手机一点信号都没有
打电话老是掉线，说两句就断
在{place}信号只有一格，电话都打不出去
5G信号很不稳定，经常跳回4G
家附近信号特别差，微信消息都发不出去
最近通话老是听不清，对方声音断断续续
新小区住进来半年了，室内还是没信号
手机显示有信号，但就是上不了网
在{place}别人打我电话总是无法接通
[mobile_signal need]
在我们小区加建一个基站
改善一下{place}的信号覆盖
提供一个家用的信号放大器
公布一下基站维护的时间

[mobile_data_plan problem]
去{country}旅游开了漫游，回来收到{amount}元的账单
流量包说是{gb}G，才用了一半就提示超额
套餐里的流量还没用完就开始按量计费了
国际漫游资费太不透明了，用了一点流量就扣了{amount}元
办了{plan}，结果流量被限速，网都上不了
不限量套餐用到{gb}G就限速，宣传的时候可没说
流量提醒短信来得太晚，已经超出{amount}元了
定向流量到底包括哪些App，客服也说不清楚
[mobile_data_plan need]
出一个去{country}用的便宜漫游包
流量快用完的时候提前提醒我
把没用完的流量结转到下个月
出一个几块钱的小流量包，应急用
在App里清楚地显示剩余流量

[app_login problem]
App登录不上，一直提示网络异常
收不到验证码，登录不了App
一登录App就闪退，试了好多次
密码明明是对的，却一直提示账号或密码错误
人脸识别一直失败，进不去App
验证码发了{times}次都没收到
App登录以后马上又被踢出来
输入验证码后页面一直在转圈
换了新手机以后App就登录不了了
登录App时提示系统繁忙，试了{times}次都一样
[app_login need]
给App加一个指纹登录
在收不到验证码的时候提供别的登录方式
尽快把App登录的问题修好
让App记住登录状态，不用每次都输验证码

[app_usability problem]
在App里想{feature}，找了半天都找不到入口
App界面太乱了，广告比功能还多
在App上{feature}要点好多层菜单
App的字太小了，家里老人根本看不清
新版App把常用功能都藏起来了
App里查不到宽带的到期时间
App老是弹推送广告，关都关不掉
在App上{feature}的时候页面加载特别慢
App里的客服机器人答非所问
[app_usability need]
把{feature}的入口放到App首页
给App出一个老年模式，字大一点
App里少放一点广告
在App里加一个搜索功能
在App里直接转人工客服

[tv_channels problem]
电视经常卡顿花屏，看球赛特别难受
{tv_channel}看不了，一直显示无信号
机顶盒开机要等好几分钟
电视画面一会儿清楚一会儿模糊
回看功能用不了，点进去就黑屏
{tv_channel}突然没了，也没有任何通知
电视的声音和画面对不上
家里老人不会用新的遥控器，换台很麻烦
看电视经常跳出来缓冲的图标
[tv_channels need]
把{tv_channel}重新加回来
出一个高清体育频道包
让电视开机广告可以跳过
给老人出一个简单版的电视界面

[store_service problem]
在{store}排了{minutes}分钟的队才轮到我
{store}的工作人员态度很差，问两句就不耐烦
营业厅只开了一个窗口，人多得不得了
去{store}办业务，店员一直推销套餐，不办就不给处理
营业员业务不熟，补一张卡办了一个小时
{store}让我跑了{times}趟，每次都说缺材料
营业厅的工作人员在玩手机，没人理我
取号以后等了快{hours}个小时
[store_service need]
在营业厅多开几个窗口
在网上先预约营业厅的号
提前告诉我办业务要带哪些材料
让营业员少推销一些套餐

[hotline_wait problem]
打客服电话等了{minutes}分钟都没人接
客服电话转了{times}次，每个人都让我重新说一遍
人工客服太难打进了，一直让我按键
客服说会回电，等了{days}天也没有
打热线排队排了半个多小时
每次打客服都是机器人，根本转不了人工
电话打通了没说两句就被挂断
客服只会说已经记录了，问题一直没解决
热线晚上十点以后就没人接了
[hotline_wait need]
让客服电话可以直接转人工
客服回电的时候准时一点
增加人工客服的人手
电话排队的时候告诉我还要等多久

[repair_response problem]
报修{days}天了还没人上门
报修以后工单被关了，问题根本没解决
维修师傅来了看一眼就走了，说要换{device}，又要等
{device}坏了报修，说要等{days}个工作日
报修电话打了{times}次，每次都说已经加急
修好没两天又坏了，还得重新报修
维修人员约好{when}来，结果没来也没打电话
工单号{ticket}，到现在都没有处理结果
[repair_response need]
报修后{hours}个小时内给回个电话
维修师傅上门前先打个电话
在App里查报修进度
直接寄一个新的{device}给我

[contract_cancel problem]
想销户，客服说必须去营业厅办
宽带要退订，一直说合约期没到要交违约金
取消套餐的时候被一直挽留，挂了电话又打过来
办理销户跑了{times}趟营业厅都没办成
合约到期了还是自动续约了，没人问过我
退宽带还要我自己把{device}送回营业厅
违约金要{amount}元，办的时候根本没说
网上只能开通业务不能取消，太坑了
[contract_cancel need]
在App上就能办理销户
合约到期前提醒我一下
把取消套餐的流程简化一点
销户的时候上门把{device}收走

[price_complaint problem]
{fee}元一个月太贵了，别家同样的套餐便宜很多
优惠都只给新用户，老用户什么都没有
老用户的资费反而比新用户还贵
套餐又涨价了，也没有提前通知
宽带续费比新装还贵，这合理吗？
{plan}的价格越来越贵，内容却没变
同样的套餐，新用户每个月比我便宜{diff}块
话费越来越贵，现在一个月要{fee}块
[price_complaint need]
给老用户也出一点优惠
出一个便宜一点的基础套餐
让老用户也能办新用户的优惠套餐
宽带续费的时候打个折

[privacy_spam problem]
每天都接到推销宽带的电话，烦死了
退订了营销短信，还是一直在发
刚办完业务就接到{times}个推销电话，是不是信息泄露了？
一天收到好几条套餐推广短信
已经说了不需要，还是反复打电话推销
陌生人知道我的套餐信息，怀疑你们泄露了个人信息
晚上九点多还有营销电话打过来
[privacy_spam need]
提供一键退订所有营销短信的功能
不要再给我打推销电话
把我的号码加进免打扰名单
说明一下我的个人信息是怎么被使用的

[praise_staff praise]
{staff}服务特别耐心，帮我把问题都解决了
{store}的营业员态度很好，讲得很清楚
装宽带的师傅很专业，走线也很整齐
客服小姐姐很有耐心，一步一步教我操作
{staff}主动帮我换了一个更划算的套餐
维修师傅下雨天还准时上门，辛苦了
营业厅的工作人员帮老人办业务很细心
在线客服回复很及时，解释得也很清楚
今天接电话的{staff}业务很熟练，几分钟就搞定了
师傅修完还顺便帮我检查了路由器
{store}的店长亲自帮我处理，很负责

[praise_speed praise]
早上报修，下午就修好了，效率很高
宽带第二天就装好了，比预想的快
升级以后网速快了很多，测速有{speed}M
在App上改套餐几秒钟就办好了，很方便
投诉以后{hours}个小时就有人回电解决了
补卡十分钟就办完了，点赞
退款很快就到账了，没想到这么快
在App上查账单很快，一目了然
5G网速真的很快，下载一部电影只要一分钟
移机第二天就通网了，很省心

[need_feature need]
推出家庭流量共享，一家人一起用
在App里直接开电子发票
让用户在App上自助办理停机和复机
在App里看每天的流量使用明细
支持话费余额不足时自动充值
给App加一个深色模式
给孩子的手机设置上网时间
出一个副卡共享通话时长的功能
在App上自助报修宽带
把每个月的账单导出成表格
在App上自助修改宽带密码
增加企业账户统一管理多个号码的功能

[need_store_hours need]
让营业厅周末也开门
让营业厅晚上开到九点
让{store}延长营业时间
节假日也安排营业厅正常营业
在网上公布每个营业厅的营业时间
[need_store_hours problem]
下班赶到{store}已经关门了
周末去营业厅发现没开门，白跑一趟
营业厅六点就关门，上班族根本来不及
网上写的营业时间和实际不一样，到了门口才知道关了
节假日营业厅全关了，补卡都没地方办

[general_enquiry other]
请问怎么查询{month}月的账单？
想问一下{plan}怎么办理？
请问宽带到期以后怎么续费？
积分可以兑换哪些东西？
请问去{country}需要提前开通国际漫游吗？
号码过户需要带什么材料？
怎么修改账户的联系人信息？
请问最近有什么新的宽带套餐？
想了解一下{plan}包含多少流量
咨询一下上个月的发票可以补开吗？
{store}在哪里，几点开门？
请问副卡怎么办理，要带什么证件？
我刚改了地址，想确认一下有没有改成功

[number_porting problem]
申请携号转网，一直说不符合条件
携号转网的授权码一直收不到
转网过来以后，有些短信收不到了
转网的时候说我有未结清的费用，可我都交清了
转进来以后号码{days}天都没法用
转网前被要求先去营业厅解除合约
[number_porting need]
把携号转网的条件写清楚
在网上就能办携号转网
转网前把所有欠费一次列清楚

[refund_delay problem]
说好退{amount}元，等了{weeks}个星期还没到账
销户的余额退款一直没收到
多扣的钱答应退，过了{days}天也没动静
退款说原路返回，可我卡里根本没收到
打电话问退款进度，每次都说在审核
退费单号{ticket}，一个多月了还在处理中
[refund_delay need]
告诉我退款到底什么时候到账
在App里显示退款进度
把退款直接退到话费余额里

[wifi_coverage problem]
{room}WiFi信号很弱，经常连不上
路由器放在客厅，{room}就没网了
房子是复式的，楼上WiFi基本用不了
你们给的路由器信号穿不了墙
WiFi显示连着，但是经常没网，要重新连
家里设备一多WiFi就卡
[wifi_coverage need]
出一个全屋WiFi的组网方案
把路由器换成双频的
免费借一个WiFi扩展器
上门帮忙调整一下路由器的位置

[sim_activation problem]
新卡插上显示无服务，激活不了
补办的手机卡{days}天了还没寄到
eSIM一直开通失败，营业厅也说不清楚
换了新卡以后收不到短信
网上办的卡，实名认证一直不通过
新号码开通{hours}个小时了还是打不了电话
[sim_activation need]
让手表也能开通eSIM
把补办的卡直接寄到家里
实名认证失败的时候告诉我原因

[wrap need]
希望{x} | 希望能{x} | 建议{x} | 强烈建议{x} | 能不能{x}？ | 可不可以{x}？
要是能{x}就好了 | 麻烦{x} | 最好能{x}

[open problem]
你好， | 您好， | 客服你好， | 我要反映个问题， | 说实话， | 我想投诉一下，
麻烦看一下， | 又来了， | 不好意思打扰一下， | 实在忍不了了，
[open need]
你好， | 您好， | 提个建议， | 有个小建议， | 想提个需求， | 作为老用户提个意见， | 顺便说一下，
[open praise]
必须表扬一下， | 给你们点个赞， | 说句公道话， | 想表扬一下， | 这次体验不错，
[open other]
你好， | 您好， | 麻烦问一下， | 打扰一下， | 咨询一下，

[emotion 1]
有点无语， | 挺郁闷的， | 真的很无奈， | 说实话有点失望， | 很烦，
[emotion 2]
太气人了！ | 简直离谱！ | 气死我了， | 忍无可忍了！ | 这服务真是太差了！ | 我真的要崩溃了，

[detail any]
已经打了{times}次客服电话了。 | 前前后后拖了{days}天。 | 每次都说会处理，然后就没下文了。
换了{times}个客服都说不清楚。 | 工单号是{ticket}。 | {when}已经反映过一次了。 | 问了也没人给个准话。
[detail consumer]
我平时上班很忙，没时间一直跑。 | 一个人住，全靠这个上网。
[detail family]
孩子上网课都受影响了。 | 家里老人一直在问怎么回事。 | 一家人都等着用。
[detail enterprise]
已经影响到我们公司正常办公了。 | 我们单位好几十号人都受影响。 | 客户那边都在催了。
[detail new]
刚办的业务就这样，有点后悔了。 | 新用户第一次用就遇到这种事。
[detail established]
用了{years}年了，第一次这么糟心。
[detail long]
我在你们这用了{years}年了。 | {years}年的老用户了，太寒心了。 | 老用户了，真的很失望。

[close problem]
请尽快处理。 | 麻烦尽快给个答复。 | 希望尽快解决。 | 等你们回复。 | 请给个说法。
[close angry]
再不解决我就去工信部投诉了！ | 不行就退网！ | 必须给我一个说法！ | 这是最后一次反映了！
[close need]
谢谢！ | 谢谢。 | 考虑一下吧。 | 辛苦了。 | 期待改进。
[close praise]
点赞！ | 继续保持！ | 非常感谢！ | 五星好评。 | 谢谢你们。
[close other]
谢谢。 | 麻烦回复一下。 | 谢谢！ | 多谢。

[story billing_spike]
听说你们计费系统升级出了问题， | 身边好几个朋友这个月也被多扣了，
这个月的账单明显不对， | 小区群里好多人都在说账单出错了，
[story app_release]
升级到新版本后， | 更新到{version}版本之后， | 自从App更新以后， | 新版本一装上，
昨天App自动更新了，然后

[who consumer]
我
[who family]
我家 | 家里
[who enterprise]
我们公司 | 我们单位

[slot plan]
5G畅享129元套餐 | 融合套餐 | 家庭宽带融合套餐 | 99元不限量套餐 | 青春卡 | 商务套餐
流量王套餐 | 老人卡 | 亲情套餐
[slot place]
家里 | 卧室 | 客厅 | 地下室 | 地下车库 | 电梯里 | 办公室 | 公司 | 小区里 | 地铁上 | 高铁上
老家 | 郊区 | 学校宿舍
[slot room]
卧室 | 书房 | 阳台 | 楼上 | 厨房 | 儿童房 | 主卧 | 卫生间
[slot store]
人民路营业厅 | 万达营业厅 | 火车站营业厅 | 中山路营业厅 | 大学城营业厅 | 新区营业厅
步行街营业厅 | 开发区营业厅
[slot when]
昨天 | 前天 | 上周 | 今天上午 | 今天下午 | 昨天晚上 | 周末 | 上个月 | 这两天 | 上周五
[slot tv_channel]
央视五套 | 体育频道 | 少儿频道 | 电影频道 | 本地台 | 新闻频道 | 纪录片频道 | 点播专区
[slot country]
日本 | 韩国 | 泰国 | 新加坡 | 香港 | 澳门 | 欧洲 | 美国 | 马来西亚
[slot device]
光猫 | 路由器 | 机顶盒
[slot staff]
王师傅 | 李师傅 | 张经理 | 小刘 | 小陈 | 客服小周 | 赵师傅 | 营业员小林
[slot feature]
查账单 | 充值 | 查流量 | 改套餐 | 开发票 | 报修 | 积分兑换 | 查宽带到期时间
[slot days]
2 | 3 | 4 | 5 | 6 | 7 | 8 | 10 | 12 | 15 | 20 | 两 | 三 | 四 | 五 | 六 | 七 | 十
[slot weeks]
一 | 两 | 三 | 1 | 2 | 3
[slot hours]
1 | 2 | 3 | 4 | 5 | 6 | 8 | 两 | 三 | 四 | 五
[slot times]
两 | 三 | 四 | 五 | 六 | 七 | 八 | 十 | 3 | 4 | 5 | 6 | 好几

[months]
1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12

[typo]
登录>登陆 | 账单>帐单 | 已经>已近 | 什么>啥 | 怎么>咋 | 在>再 | 一直>一只 | 宽带>宽代
"""

EN = """
[billing_error problem]
I was charged {amount} yuan twice on my {month} bill
There is a charge of {amount} yuan on {our} bill that nobody can explain
My plan is {fee} yuan a month but you took {amount} yuan this time
I keep getting billed for a value-added service I never signed up for
The discount I was promised never showed up on the {month} bill
You are still charging me for a number I cancelled
I topped up {amount} yuan and the balance did not change
{our} bill went up by {amount} yuan for no reason
[billing_error need]
refund the {amount} yuan you overcharged me
send a text before any extra charge is taken
show a clear breakdown of every fee on the bill
explain what this {amount} yuan charge is for

[broadband_install_delay problem]
I booked a broadband installation for {when} and nobody showed up
It has been {days} days since I ordered broadband and it is still not installed
The technician was {hours} hours late for the installation appointment
My installation was rescheduled {times} times without any explanation
I took a day off to wait for the installer and he never came
The installation order has been stuck at pending for {weeks} weeks
[broadband_install_delay need]
give me a real time slot for the installation
let me track the installer in the app
offer installation appointments on weekends
call me before changing the appointment

[broadband_speed problem]
I pay for {speed} Mbps and speed tests show {actual} Mbps
The internet crawls every evening after 8 pm
Video calls keep freezing because the broadband is so slow
{our} broadband has been painfully slow since {when}
Upload speed is terrible, I cannot even send a large file
Online games lag all the time, ping is over 200 ms
[broadband_speed need]
upgrade my line to {speed} Mbps at no extra cost
send someone to check why the line is so slow
give a partial refund when the speed is below what I pay for

[broadband_outage problem]
My internet drops several times a day
The broadband has been down since {when} and the modem light is red
The connection cuts out every evening and restarting the {device} does nothing
We had no internet for {hours} hours and got no notice at all
Whenever it rains the connection goes down
The whole building lost internet and it is still not back
[broadband_outage need]
send a text when there is an outage in my area
credit the days without internet to my account
replace the faulty {device}

[mobile_signal problem]
There is no signal at all {place}
My calls drop after a few seconds
I only get one bar {place} and calls fail
5G keeps falling back to 4G and the data stops
People say my voice breaks up on every call
I have full bars but no mobile data
[mobile_signal need]
put up another tower near our neighbourhood
improve the coverage {place}
offer a signal booster for homes with weak reception

[mobile_data_plan problem]
I roamed in {country} for a week and got a bill for {amount} yuan
My {gb} GB plan says I am over the limit after using half
The unlimited plan is throttled after {gb} GB and nobody told me
The data warning text came way too late, I am already {amount} yuan over
Roaming prices are confusing and far too high
[mobile_data_plan need]
offer a cheap roaming pass for {country}
warn me before my data runs out
let unused data roll over to next month
add a cheap top-up of a few GB for emergencies

[app_login problem]
I cannot log in to the app, it says network error
The verification code never arrives so I cannot log in
The app crashes as soon as I log in
It keeps saying wrong password even though it is correct
Face verification fails every time and I am locked out
The app logs me out a few seconds after I sign in
After entering the code the login screen just spins
[app_login need]
add fingerprint login to the app
fix the login problem as soon as possible
offer another way to sign in when the code does not arrive
keep me signed in on my own phone

[app_usability problem]
I could not find where to {feature} in the app
The app is cluttered with ads and banners
It takes far too many taps to {feature}
The text in the app is tiny and my parents cannot use it
The chatbot in the app never understands my question
The app is slow whenever I try to {feature}
[app_usability need]
make it easier to {feature} in the app
add a simple mode with bigger text
show fewer ads in the app
add a search box to the app
let me reach a human agent from the app

[tv_channels problem]
The TV picture freezes and pixelates during games
{tv_channel} shows no signal
The set-top box takes minutes to start
Replay does not work, it just goes black
You removed {tv_channel} without telling anyone
Sound and picture are out of sync on the TV
[tv_channels need]
bring {tv_channel} back to the channel list
let us skip the ads when the TV starts
offer an HD sports package

[store_service problem]
I queued for {minutes} minutes at {store}
Staff at {store} were rude and impatient
Only one counter was open and the store was packed
The clerk kept pushing a new plan instead of helping me
I had to go to {store} {times} times because they kept asking for another document
[store_service need]
open more counters at busy times
let me book a store appointment online
tell me which documents to bring before I come

[hotline_wait problem]
I waited {minutes} minutes on the hotline and nobody answered
I was transferred {times} times and had to repeat myself every time
It is almost impossible to reach a human on the hotline
You promised a call back and I have waited {days} days
The call was cut off in the middle of my explanation
The phone menu just goes in circles
[hotline_wait need]
let me press one button to reach a human
tell me how long the wait will be
call back when you say you will

[repair_response problem]
I reported the fault {days} days ago and nobody has come
My repair ticket {ticket} was closed but nothing was fixed
The technician said the {device} needs replacing and then just left
It broke again two days after the repair
I was told to wait {days} working days for a simple repair
[repair_response need]
let me follow the repair status in the app
send a new {device} by courier
call me within {hours} hours after I report a fault

[contract_cancel problem]
I want to cancel and you insist I go to a store in person
You want {amount} yuan for early termination and nobody mentioned it
The contract renewed automatically without asking me
I went to the store {times} times and still could not cancel
Every time I try to cancel, someone calls back with another offer
[contract_cancel need]
let me cancel online
remind me before the contract renews
pick up the {device} when I cancel

[price_complaint problem]
{fee} yuan a month is far too expensive
All the deals are for new customers only and loyal customers get nothing
New customers pay {diff} yuan less than me for the same plan
You raised the price of {plan} without any warning
Renewing broadband costs more than signing up as a new customer
[price_complaint need]
offer existing customers the same deals as new ones
add a cheaper basic plan
give a discount on broadband renewal

[privacy_spam problem]
I get sales calls about broadband every single day
I unsubscribed from your marketing texts and they keep coming
Right after I signed up I got {times} spam calls, did you leak my number?
A stranger knew details of my plan, I think my data was leaked
Your telemarketers keep calling after I said no
[privacy_spam need]
add one switch to stop all marketing messages
put my number on your do-not-call list
stop calling me with offers

[praise_staff praise]
{staff} was very patient and solved everything
The staff at {store} were friendly and explained everything clearly
The technician was professional and left everything tidy
The chat agent answered quickly and clearly
{staff} helped me switch to a cheaper plan without me asking
The repairman came on time in the pouring rain
The lady at {store} was so kind to my elderly father

[praise_speed praise]
Reported a fault in the morning and it was fixed by the afternoon
Broadband was installed the next day, faster than I expected
After the upgrade I get {speed} Mbps, great
Changing my plan in the app took seconds
Got a call back within {hours} hours of my complaint
The refund arrived really quickly
The new SIM was ready in ten minutes

[need_feature need]
add family data sharing
let me download e-invoices in the app
let me suspend and restore my line myself
add daily data usage charts
support automatic top-ups when my balance runs low
add a dark mode to the app
add parental controls for my kids' phones
let business accounts manage all lines in one place
let me export bills to a spreadsheet
let me change the WiFi password in the app

[need_store_hours need]
keep the stores open on weekends
keep {store} open until 9 pm
post the correct opening hours online
open the stores during public holidays
[need_store_hours problem]
{store} was already closed when I got there after work
The stores close at 6 pm, which is impossible for anyone who works
The opening hours online were wrong and I found the store closed

[general_enquiry other]
How do I check my {month} bill?
What do I need to sign up for {plan}?
Do I need to turn on roaming before travelling to {country}?
How do I renew my broadband when it expires?
What can I redeem my points for?
What documents are needed to transfer a number to someone else?
Are there any new broadband plans this month?
Can I still get an invoice for last month?
Where is {store} and when does it open?
Just checking whether my address change went through

[number_porting problem]
My number port request keeps getting rejected
I never received the code to port my number
Since porting my number I miss some text messages
They say I have an unpaid balance but I paid everything
My number was dead for {days} days after the port
[number_porting need]
explain clearly who is allowed to port a number
let me port my number online

[refund_delay problem]
I was promised a refund of {amount} yuan {weeks} weeks ago and still nothing
The refund for my closed account never arrived
Every time I ask about the refund they say it is under review
Refund reference {ticket} has been pending for over a month
[refund_delay need]
tell me when the refund will actually arrive
show the refund status in the app

[wifi_coverage problem]
The WiFi barely reaches {room}
The router you gave us cannot get through walls
WiFi shows connected but there is no internet
With more than a few devices the WiFi slows to a crawl
[wifi_coverage need]
offer a mesh WiFi package for the whole home
swap my router for a dual-band one
lend me a WiFi extender

[sim_activation problem]
My new SIM says no service and will not activate
The eSIM activation keeps failing
The replacement SIM I ordered {days} days ago has not arrived
Online identity checks for my new SIM keep failing
[sim_activation need]
support eSIM on smartwatches
mail replacement SIM cards to my home

[wrap need]
Please {x}. | Could you {x}? | It would be nice if you could {x}. | I'd really like you to {x}.
Would it be possible to {x}? | I suggest you {x}. | Can you please {x}? | You should {x}.
It would be great if you could {x}.

[open problem]
Hi. | Hello. | Hi there. | I want to complain. | Not happy. | Sorry to bother you again.
I need help with something.
[open need]
Hi. | Hello. | A suggestion. | Quick idea. | Just a thought. | One request.
[open praise]
Just want to say thanks. | Credit where it's due. | Good job. | Great experience today.
[open other]
Hi. | Hello. | Quick question. | Hi there.

[emotion 1]
A bit frustrating. | Pretty disappointed. | Not great. | Getting tired of this.
[emotion 2]
This is ridiculous! | I am furious. | Absolutely unacceptable! | I have had enough.

[detail any]
I have called {times} times already. | This has dragged on for {days} days.
Every time they say it will be handled and nothing happens. | Ticket number {ticket}.
I already reported this {when}. | Nobody gives me a straight answer.
[detail consumer]
I work long hours and cannot keep chasing this.
[detail family]
The kids need the internet for school. | My parents keep asking me what is going on.
[detail enterprise]
This is affecting our whole office. | Our clients are waiting on us.
[detail new]
I only just signed up and already regret it.
[detail established]
I have been with you for {years} years and this is the worst it has been.
[detail long]
I have been a customer for {years} years. | After {years} years as a customer I expected better.

[close problem]
Please sort this out. | Please fix this soon. | Waiting for your reply. | I expect an answer.
[close angry]
Fix it or I am switching providers! | I will take this to the regulator! | This is my last warning!
[close need]
Thanks! | Thanks. | Just a suggestion. | Cheers.
[close praise]
Keep it up! | Thank you! | Five stars. | Much appreciated.
[close other]
Thanks. | Thank you. | Cheers.

[story billing_spike]
Apparently your billing system upgrade went wrong. | Several friends got the same wrong bill.
This month's bill is clearly wrong.
[story app_release]
This started after the {version} update. | Since updating the app to {version} it is broken.
The new version of the app is a mess.

[who consumer]
my
[who family]
our | our family's
[who enterprise]
our company's | our office's

[slot plan]
5G Unlimited 129 | Family Bundle | Home Broadband Plus | the Youth Card | Business Pro
Data Max | the Senior plan
[slot place]
at home | in my bedroom | in the living room | in the basement | in the parking garage
in the elevator | at the office | on the subway | on the train | in my apartment
[slot room]
the bedroom | the study | the balcony | upstairs | the kitchen | the kids' room
[slot store]
the Renmin Road store | the Wanda mall store | the train station store
the Zhongshan Road store | the University Town store | the downtown store
[slot when]
yesterday | last week | this morning | last night | the weekend | last month | two days ago
[slot tv_channel]
the sports channel | the movie channel | the kids channel | CCTV-5 | the news channel
the local channel | the on-demand section
[slot country]
Japan | Korea | Thailand | Singapore | Hong Kong | Europe | the US | Malaysia
[slot device]
modem | router | set-top box
[slot staff]
Mr. Wang | Ms. Li | Agent Chen | the technician Mr. Zhao | Ms. Zhou at the store | agent 1024
[slot feature]
check my bill | top up | check my data usage | change my plan | download invoices
book a repair | redeem points
[slot days]
2 | 3 | 4 | 5 | 6 | 7 | 8 | 10 | 12 | 15 | two | three | five | ten
[slot weeks]
2 | 3 | 4 | two | three | several
[slot hours]
2 | 3 | 4 | 5 | 6 | two | three
[slot times]
2 | 3 | 4 | 5 | three | four | five | several

[months]
January | February | March | April | May | June | July | August | September | October
November | December

[typo]
receive>recieve | really>realy | definitely>definately | the>teh | because>becuase
their>there | already>allready | cannot>cant
"""


# Weight tables of the generator (cxdash.demo.feedback). The planted stories live in the
# 'west' row of ATTRIBUTE_TABLE and the billing_error rows of WINDOWS_TABLE; the app-login
# surge after the 5.0 release is a curve in feedback._time_multipliers.

# topic: base share (%), kind mix, channel mix, product mix
TOPIC_TABLE = """
billing_error            5.5 PN billing  billing:8 mobile:1 broadband:1
broadband_install_delay  2.5 PN install  installation_repair:7 broadband:3
broadband_speed          7.0 PN default  broadband:1
broadband_outage         6.0 PN default  broadband:9 installation_repair:1
mobile_signal            7.0 PN default  mobile:1
mobile_data_plan         5.0 PN billing  mobile:8 billing:2
app_login                2.5 PN app      app:1
app_usability            4.5 PN app      app:1
tv_channels              3.5 PN default  tv:1
store_service            4.5 PN store    stores:1
hotline_wait             5.5 PN voice    billing:3 mobile:3 broadband:3 tv:1
repair_response          4.0 PN install  installation_repair:7 broadband:2 tv:1
contract_cancel          3.5 PN default  broadband:4 mobile:4 tv:2
price_complaint          5.0 PN default  mobile:5 broadband:4 tv:1
privacy_spam             3.5 PN spam     mobile:1
praise_staff             6.0 G  praise   stores:4 installation_repair:3 mobile:2 broadband:1
praise_speed             4.0 G  praise   installation_repair:4 broadband:3 app:2 mobile:1
need_feature             5.0 N  need     app:6 mobile:2 billing:2
need_store_hours         2.0 NP hours    stores:1
general_enquiry          7.0 O  enquiry  billing:3 mobile:3 broadband:3 tv:1
number_porting           2.0 PN default  mobile:1
refund_delay             2.5 PN billing  billing:1
wifi_coverage            3.0 PN default  broadband:9 installation_repair:1
sim_activation           2.0 PN store    mobile:1
"""
# kind mix: problem need praise other
KIND_MIX_TABLE = """
PN 78 22 0 0
NP 25 75 0 0
N  0  1  0 0
G  0  0  1 0
O  0  0  0 1
"""
# channel mix: hotline online_chat app_feedback store social_media complaint_escalation
CHANNEL_MIX_TABLE = """
default 38 18 18 8 8 10
billing 36 10 27 5 5 17
install 40 18 12 5 8 17
app     12 18 55 2 10 3
store   15 5 12 50 13 5
voice   45 12 15 2 18 8
spam    40 8 15 2 30 5
praise  30 20 22 20 8 0
need    15 20 45 6 14 0
hours   12 10 25 35 18 0
enquiry 45 30 15 10 0 0
"""
# channel: share rated, share labelled, kind factors (problem need praise other),
# problem intensity mix (mild strong angry), segment factors (consumer family enterprise)
CHANNEL_TABLE = """
hotline               0.4 0.22  1   1   1   1    45 35 20  1    1   1.5
online_chat           0.6 0.03  1   1   1   1    45 35 20  1.1  1   0.8
app_feedback          0.9 0.02  1   1.5 1   1    45 35 20  1.15 1   0.6
store                 0.7 0.04  1   1   1.2 1    45 35 20  1    1.2 0.7
social_media          0   0.03  1.3 1   1   0.5  20 40 40  1.2  0.9 0.3
complaint_escalation  0   0.85  5   0.2 0   0    10 40 50  0.8  0.9 2.5
"""
# relative volume by hour of day, per channel
HOURS_TABLE = """
hotline               2 1 1 1 1 1 3 10 25 40 45 40 30 35 40 40 35 30 25 25 20 15 8 4
online_chat           5 3 2 1 1 2 5 12 20 30 32 30 28 30 30 30 30 30 32 36 38 34 24 12
app_feedback          10 6 3 2 2 3 8 18 24 25 25 26 28 26 25 25 26 28 30 34 38 38 30 20
store                 0 0 0 0 0 0 0 0 0 20 30 32 28 26 30 30 32 34 32 26 15 0 0 0
social_media          15 10 6 3 2 3 6 12 18 20 22 24 28 24 22 22 24 26 30 34 38 40 34 24
complaint_escalation  0 0 0 0 0 0 0 0 20 40 40 35 20 35 40 40 35 20 3 3 3 3 3 3
"""
NUMBER_SLOTS: dict[str, tuple[str, ...]] = {
    "amount": (*(str(v) for v in range(8, 300)), "19.9", "29.5", "58.8", "99.9", "128.6"),
    "fee": ("59", "79", "99", "129", "159", "199", "239", "299"),
    "minutes": ("10", "15", "20", "25", "30", "40", "45", "50", "60", "90"),
    "speed": ("100", "200", "300", "500", "1000"),
    "actual": ("1", "2", "3", "5", "8", "10", "12", "15", "20", "30"),
    "gb": ("10", "20", "30", "40", "60", "100"),
    "diff": ("10", "15", "20", "30", "40", "50"),
    "ticket": tuple(str(9_100_000 + 7_919 * i) for i in range(400)),
}
# topic multipliers by customer attribute value (segment, tenure or region)
ATTRIBUTE_TABLE = """
consumer   mobile_signal:1.3 mobile_data_plan:1.4 app_login:1.2 app_usability:1.2
consumer   number_porting:1.3
family     broadband_speed:1.8 broadband_outage:1.3 tv_channels:2.5 wifi_coverage:2.0
family     need_feature:1.3 mobile_signal:0.8
enterprise billing_error:1.5 broadband_outage:1.6 hotline_wait:1.3 repair_response:1.5
enterprise tv_channels:0.3 privacy_spam:0.5
new        broadband_install_delay:1.6 sim_activation:1.8 number_porting:1.8
new        contract_cancel:0.6 price_complaint:0.6
long       price_complaint:1.8 contract_cancel:1.3 praise_staff:1.2
west       broadband_install_delay:6.0
"""
# topic volume multipliers over date windows (inclusive)
WINDOWS_TABLE = """
billing_error     2026-03-01 2026-03-03 2.5
billing_error     2026-03-04 2026-03-31 4.8
billing_error     2026-04-01 2026-04-10 1.8
hotline_wait      2026-03-04 2026-04-05 1.5
refund_delay      2026-03-20 2026-04-30 2.0
tv_channels       2026-06-11 2026-07-19 1.8
broadband_outage  2026-07-01 2026-08-31 1.4
price_complaint   2026-01-01 2026-01-31 1.4
mobile_data_plan  2026-02-07 2026-02-28 1.6
mobile_data_plan  2026-07-10 2026-08-31 1.4
mobile_data_plan  2026-10-01 2026-10-10 1.6
app_usability     2026-06-15 2026-08-09 1.4
"""


def parse_bank(text: str) -> dict[str, tuple[str, ...]]:
    """Return a phrase bank's sections as {"header words": entries}, entries split on '|'."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line:
            current.extend(part.strip() for part in line.split(" | "))
    return {key: tuple(entries) for key, entries in sections.items()}


def parse_table(text: str) -> list[list[str]]:
    """Return the whitespace-separated fields of each non-empty line of a text table."""
    return [line.split() for line in text.strip().splitlines()]


class Bank(NamedTuple):
    """One language's phrases, arranged for lookup by code (topic, kind, segment, ...)."""

    bodies: tuple[tuple[tuple[str, ...], ...], ...]
    openers: tuple[tuple[str, ...], ...]
    closers: tuple[tuple[str, ...], ...]
    emotions: tuple[tuple[str, ...], ...]
    stories: tuple[tuple[str, ...], ...]
    details: tuple[tuple[tuple[str, ...], ...], ...]
    who: tuple[tuple[str, ...], ...]
    slots: dict[str, tuple[str, ...]]
    typos: tuple[tuple[str, str], ...]
    ends: tuple[tuple[str, ...], tuple[str, ...]]
    months: tuple[str, ...]
    joiner: str
    casual: Callable[[str], str]


def _casual_zh(text: str) -> str:
    """Return a Chinese text written casually, with spaces for commas and full stops."""
    return " ".join(text.translate({ord("，"): " ", ord("。"): " "}).split())


def _casual_en(text: str) -> str:
    """Return an English text written casually, lower case and abbreviated."""
    text = text.lower().replace("'", "").replace(" you ", " u ").replace("please", "pls")
    return text.rstrip(".")


def _bodies(s: dict[str, tuple[str, ...]]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Return body templates by (topic, kind); a need is a request wrapped around its core."""
    wraps = s["wrap need"]
    needs = {
        t: tuple(w.replace("{x}", c) for c in s.get(f"{t} need", ()) for w in wraps) for t in TOPICS
    }
    return tuple(
        tuple(needs[t] if k == "need" else s.get(f"{t} {k}", ()) for k in KINDS) for t in TOPICS
    )


def build_bank(lang: str) -> Bank:
    """Return the phrase bank of one language ("zh" or "en") arranged for lookup by code."""
    s = parse_bank(ZH if lang == "zh" else EN)
    zh = lang == "zh"
    return Bank(
        bodies=_bodies(s),
        openers=tuple(s[f"open {k}"] for k in KINDS),
        closers=tuple(s[f"close {k}"] for k in (*KINDS, "angry")),
        emotions=((), s["emotion 1"], s["emotion 2"]),
        stories=tuple(s.get(key, ()) for key in STORY_KEYS),
        details=tuple(
            tuple(s["detail any"] + s[f"detail {g}"] + s[f"detail {t}"] for t in TENURES)
            for g in SEGMENTS
        ),
        who=tuple(s[f"who {g}"] for g in SEGMENTS),
        slots={key[5:]: v for key, v in s.items() if key.startswith("slot ")} | NUMBER_SLOTS,
        typos=tuple((a, b) for a, b in (e.split(">") for e in s["typo"])),
        ends=(("。",), ("！", "！！", "。")) if zh else ((".",), ("!", "!!", ".")),
        months=s["months"],
        joiner="" if zh else " ",
        casual=_casual_zh if zh else _casual_en,
    )

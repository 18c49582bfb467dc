"""The generated corpus's English words, written for rnn-tui (no list copied from elsewhere).

Each group is one whitespace-separated string; ``core.context.lexicon`` turns them into
sets. Words are lowercase, as the segmenter gives them ("Don't" -> don't).
"""

POSITIVE = """
good great excellent amazing awesome wonderful fantastic brilliant superb outstanding perfect lovely
beautiful nice fine cool fun funny enjoyable entertaining interesting exciting thrilling moving touching
charming delightful pleasant impressive incredible remarkable fabulous terrific marvelous magnificent
gorgeous stunning elegant stylish clean tidy spotless quiet peaceful cozy cosy comfortable spacious bright
fresh delicious tasty yummy flavorful juicy tender crispy cheap affordable reasonable worth worthwhile fast
quick speedy smooth reliable sturdy durable solid responsive friendly helpful polite welcoming attentive
professional patient warm generous efficient convenient useful handy easy simple intuitive happy glad
satisfied pleased delighted thrilled grateful best better favorite favourite memorable masterpiece gem
okay ok decent superb safe healthy sharp crisp clear accurate powerful lightweight light smart modern
gripping hilarious heartwarming inspiring uplifting clever witty original fascinating captivating
engaging satisfying refreshing relaxing calm welcoming courteous prompt punctual honest fair valuable
excellent nicer finest perfectly loved loves loving likes liked enjoy enjoyed enjoys enjoying recommend
recommended recommends adore adored adores appreciate appreciated admire admired praise praised
impressed pleasure joy win bargain stellar spectacular phenomenal sublime flawless seamless snappy
luxurious immaculate homely charming spotless dependable trustworthy knowledgeable caring cheerful
adorable beloved wholesome rich hearty succulent savory aromatic divine classy neat handsome sleek
premium solid sturdy fun smooth wow top superior exceptional
"""

NEGATIVE = """
bad terrible awful horrible dreadful poor worse worst disappointing disappointed boring dull bland
tasteless stale soggy greasy salty burnt dirty filthy messy smelly noisy loud crowded cramped tiny dark
damp expensive overpriced pricey slow sluggish laggy buggy broken faulty useless flimsy rude unfriendly
unhelpful impolite careless lazy arrogant annoying frustrating confusing complicated difficult
uncomfortable unpleasant ugly stupid silly pointless predictable forgettable mediocre meh ridiculous
disgusting gross nasty horrendous pathetic lame weak angry upset unhappy unsatisfied dissatisfied
regret regretted hate hated hates dislike disliked dislikes loathe loathed despise despised waste
garbage trash rubbish junk mess disaster nightmare scam ripoff problem problems issue issues complaint
complaints crap sucks sucked painful tedious tiring exhausting dated outdated overrated unreliable
inconvenient worthless cold sad sloppy shabby rusty moldy mouldy sticky smelly stinky leaky creepy
hostile grumpy incompetent clueless dishonest unfair fake cheesy corny shallow confusing clumsy
bloated fragile glitchy crashes crashed crash overheats lag delayed late lost missing wrong
unbearable intolerable insulting offensive terrible awkward miserable hated regrets avoid
dreary sour bitter rotten raw overcooked undercooked chewy tough dry bleak gloomy unclean unsafe
uninspired disappointment fail failed failure flop dud lousy crappy horrid atrocious abysmal subpar
inferior defective damaged scratched shoddy cheaply overrated underwhelming unwatchable unreadable
inedible undrinkable painful noisy slowest irritating obnoxious tacky dirty bad
"""

NEGATORS = """
not no never hardly barely nothing nobody none neither nor cannot
don't didn't doesn't isn't wasn't aren't weren't won't wouldn't can't couldn't shouldn't haven't hasn't hadn't ain't
dont didnt doesnt isnt wasnt arent werent wont wouldnt cant couldnt shouldnt havent hasnt
"""
DEGREE = "very really quite too so extremely super pretty fairly rather totally absolutely incredibly truly highly a bit little somewhat kinda such most more just even"
CONTRAST = "but however yet"  # the clause after one of these decides
CONCESSIVE = "although though while whereas despite"  # the clause one of these opens does not decide
SUBJECTS = "i we they you everyone my_friend my_wife my_kids"
FRAME = "say overall honestly look taste feel sound seem is was are were be been it it's this that these the a an my our their its and at all do does did would will to of here there looks seems feels tastes sounds think found felt"

TOPICS = """
movie film show series book novel story ending plot acting music song album game app phone laptop computer
camera screen battery keyboard headphones charger software hotel room bed bathroom staff service reception
location breakfast pool restaurant food meal dish pizza burger coffee tea dessert soup price quality
delivery shipping package product store shop waiter driver teacher course class city trip flight seat car
cats dogs jazz winter rain football weather concert museum park beach
"""
VERB_FORMS = {  # base -> (present for i/we, past): "i love it", "i loved it", "i don't love it"
    "like": ("like", "liked"), "love": ("love", "loved"), "enjoy": ("enjoy", "enjoyed"),
    "recommend": ("recommend", "recommended"), "adore": ("adore", "adored"), "appreciate": ("appreciate", "appreciated"),
    "admire": ("admire", "admired"), "hate": ("hate", "hated"), "dislike": ("dislike", "disliked"),
    "loathe": ("loathe", "loathed"), "despise": ("despise", "despised"), "regret": ("regret", "regretted"),
}

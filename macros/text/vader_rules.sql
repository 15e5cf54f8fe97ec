{#-
    The rules of VADER (Hutto & Gilbert, ICWSM 2014) as its reference implementation,
    vaderSentiment 3.3.2, states them: the constants, the negation words, the boosters and
    dampeners, and the idioms. text_tokens, vader_scores and the tests read them from here.
-#}
{% macro vader_rules() -%}
    {%- set b_incr = 0.293 -%}
    {%- set b_decr = -0.293 -%}
    {%- set boosters = {} -%}
    {%- for word in ['absolutely', 'amazingly', 'awfully', 'completely', 'considerable', 'considerably',
                     'decidedly', 'deeply', 'effing', 'enormous', 'enormously', 'entirely', 'especially',
                     'exceptional', 'exceptionally', 'extreme', 'extremely', 'fabulously', 'flipping',
                     'flippin', 'frackin', 'fracking', 'fricking', 'frickin', 'frigging', 'friggin', 'fully',
                     'fuckin', 'fucking', 'fuggin', 'fugging', 'greatly', 'hella', 'highly', 'hugely',
                     'incredible', 'incredibly', 'intensely', 'major', 'majorly', 'more', 'most',
                     'particularly', 'purely', 'quite', 'really', 'remarkably', 'so', 'substantially',
                     'thoroughly', 'total', 'totally', 'tremendous', 'tremendously', 'uber', 'unbelievably',
                     'unusually', 'utter', 'utterly', 'very'] -%}
        {%- do boosters.update({word: b_incr}) -%}
    {%- endfor -%}
    {%- for word in ['almost', 'barely', 'hardly', 'just enough', 'kind of', 'kinda', 'kindof', 'kind-of',
                     'less', 'little', 'marginal', 'marginally', 'occasional', 'occasionally', 'partly',
                     'scarce', 'scarcely', 'slight', 'slightly', 'somewhat', 'sort of', 'sorta', 'sortof',
                     'sort-of'] -%}
        {%- do boosters.update({word: b_decr}) -%}
    {%- endfor -%}
    {{ return({
        'caps_increment': 0.733,
        'negation_scalar': -0.74,
        'normalization_alpha': 15,
        'exclamation_increment': 0.292,
        'exclamation_max': 4,
        'question_increment': 0.18,
        'question_max_amplifier': 0.96,
        'but_before': 0.5,
        'but_after': 1.5,
        'negations': ['aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt',
                      "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
                      'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neither',
                      "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
                      'neednt', "needn't", 'never', 'none', 'nope', 'nor', 'not', 'nothing', 'nowhere',
                      'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent',
                      "oughtn't", "shan't", "shouldn't", 'uh-uh', "wasn't", "weren't",
                      'without', 'wont', 'wouldnt', "won't", "wouldn't", 'rarely', 'seldom', 'despite'],
        'boosters': boosters,
        'idioms': {'the shit': 3, 'the bomb': 3, 'bad ass': 1.5, 'badass': 1.5, 'bus stop': 0.0,
                   'yeah right': -2, 'kiss of death': -1.5, 'to die for': 3, 'beating heart': 3.5},
        'punctuation': '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
        'whitespace': '\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000',
    }) }}
{%- endmacro %}

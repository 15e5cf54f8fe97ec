{#-
    Every rule of the topic taxonomy (var cx_topic_taxonomy_model) can match: one to three
    words, not empty (topic_mentions reads no other). Returns each rule that cannot, with why;
    fix it in your taxonomy (split a longer phrase into its telling two or three words).
-#}
{{ config(enabled=var('cx_using_comments') or var('cx_using_reviews')) }}

with taxonomy as (

    select * from {{ cx_metrics.node_named_by('cx_topic_taxonomy_model', 'cx_topic_taxonomy') }}

),

checked as (

    select
        topic,
        match_rule,
        case
            when topic is null then 'topic is null'
            when match_rule is null or trim(match_rule) = '' or trim(match_rule) = '*' then 'empty match_rule'
            when length(trim(match_rule)) - length(replace(trim(match_rule), ' ', '')) + 1 > 3
                then 'match_rule has more than three words'
        end as problem
    from taxonomy

)

select * from checked
where problem is not null

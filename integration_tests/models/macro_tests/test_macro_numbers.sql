-- numbers(count): the integers 0..N-1 for the least power of ten N >= count. numbers(1) and
-- numbers(10): 0..9 (10 rows); numbers(11): 0..99; numbers(1000): 0..999, which sum to
-- 999 * 1000 / 2 = 499500; numbers() (10,000 by default): 10000 rows, all distinct.
select 'numbers(1) rows' as name, (select count(*) from ({{ cx_metrics.numbers(1) }}) as n) as actual, 10 as expected
union all
select 'numbers(10) rows', (select count(*) from ({{ cx_metrics.numbers(10) }}) as n), 10
union all
select 'numbers(10) largest', (select max(n) from ({{ cx_metrics.numbers(10) }}) as n), 9
union all
select 'numbers(11) rows', (select count(*) from ({{ cx_metrics.numbers(11) }}) as n), 100
union all
select 'numbers(11) smallest', (select min(n) from ({{ cx_metrics.numbers(11) }}) as n), 0
union all
select 'numbers(1000) sum', (select sum(n) from ({{ cx_metrics.numbers(1000) }}) as n), 499500
union all
select 'numbers() distinct', (select count(distinct n) from ({{ cx_metrics.numbers() }}) as n), 10000

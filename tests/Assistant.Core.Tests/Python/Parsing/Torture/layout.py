# Layout: continuations, comments everywhere, odd spacing, semicolons, nesting across lines.
import os  # trailing comment
x = 1 + \
    2 + \
        3
if x and \
   y:
    pass
total = (1 +   # comment inside parentheses
         2)   # after
call(
    a,  # first

    # a blank line and a comment-only line inside brackets
    b=[
        1, 2,
        3,
    ],
)
value = {
    'key': 'value',  # comment
    **other,
}
def f(
    a,   # a
    b: int = 2,
    *,
    c,
):  # comment after colon
    # comment-only line in a body
    return a  # return


    # trailing comments with blank lines before a dedent
class A:

    x = 1


    def method(self): return self.x  ;

if True: x = 1; y = 2;
while False: pass
for _ in []: break
with a: pass
try: pass
except Exception: pass
    # an indented comment after the block

def deep():
    if a:
        if b:
            if c:
                return [
    1, 2]  # brackets ignore indentation
        else:
            pass
    return (
            )
s = 'ünïcode before field'; f"{s} ünï {s!r:>{w}} 😀 {s}"
t = "日本語 #not a comment" # a comment with '#' and "quotes"
u = '''# not a comment
''' # comment
lst = [x for x in range(10)
       if x % 2  # odd
       ]
print(s, end='')     ;   print()
result = func(arg)[0].attr(  # comment
)
matrix @ other
match = re.match(pattern, text)
match.group(0)
case = 1
type = int
_ = 1
print(match, case, type)
lambda_in_default = lambda x=lambda: 1: x
conditional = (a if b else
               c)
chained = a.b(
).c[
    0
].d
not_in = a not in b
is_not = a is not b
ellipsis_slice = a[..., 1:]
empty_return = None

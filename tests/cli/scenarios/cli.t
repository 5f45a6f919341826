# One CLI (issue 19): "did you mean" for commands and long options, `help
# COMMAND`, aliases (-x, --parallel), --version with the library versions,
# and the defaults --help states.

=== a mistyped command gets the nearest one
$ pacprobe evl
exit 2
err~ ^pacprobe: error: unknown command 'evl'; did you mean 'eval'\? \(see pacprobe --help\)$
errlines 1

=== a word far from every command gets no guess
$ pacprobe frobnicate
exit 2
err~ ^pacprobe: error: unknown command 'frobnicate' \(see pacprobe --help\)$
errlines 1

=== a mistyped long option gets the nearest of that command's options
$ pacprobe eval --emualte chrome -p $DATA/simple.pac http://a/
exit 2
err~ ^pacprobe: error: eval: unknown option '--emualte'; did you mean '--emulate'\? \(see pacprobe eval --help\)$
errlines 1

=== an option of another command is named as such
$ pacprobe eval --targets mdi -p $DATA/simple.pac http://a/
exit 2
err~ ^pacprobe: error: eval: option '--targets' belongs to another command \(see pacprobe eval --help\)$
errlines 1

=== help COMMAND is COMMAND --help
$ pacprobe help check
exit 0
out~ ^usage: pacprobe check
out~ ^  -j, --jobs N +at most N targets in flight \(default 16; --parallel N is the old name\)$
out~ ^  -x, --proxy
out~ ^      --emulate MODE +winhttp \(default\)
out~ ^      --for CONSUMER +env \(default
out! --parallel N +at most

=== help of an unknown command
$ pacprobe help evl
exit 2
err~ did you mean 'eval'\?

=== eval's help states chrome as its default emulation and only eval's formats
$ pacprobe eval --help
out~ ^      --emulate MODE +chrome \(default\)
out~ ^      --format FMT +output format: text \(default\), json, tsv$
out! sarif

=== --version names the library and the libraries it runs with
$ pacprobe --version
exit 0
out~ ^pacprobe [0-9]+\.[0-9]+\.[0-9]+$
out~ ^  Duktape [0-9]
out~ ^  c-ares [0-9]

=== -x is --proxy (as curl)
$ pacprobe sources --no-env -x proxy.example:3128 --for env
exit 0
out~ ^effective: proxy proxy.example:3128

=== sources without --for or Windows exports answers for env on Linux
$ pacprobe sources --no-env --proxy proxy.example:3128
exit 0
out~ ^for: env$

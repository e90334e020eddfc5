"""Given names that name the same person: Hans is Johannes, Bob is Robert, Kathi is
Katharina. One group per line, the full form first; the names are compared folded
(``knoten.core.folding.fold``), so Jürgen and Juergen need no line of their own.
"""

from __future__ import annotations

from knoten.core.folding import fold

_GROUPS = """
johannes hans hannes jo johann jan
johanna hanna hanne jo hannah
alexander alex sascha alexej
alexandra alex sandra sascha
andreas andi andy
anna anni anne annie
barbara babs barbel
benjamin ben benni
bernhard bernd
christian chris christoph
christina christine chris tina stina
christopher chris christoph
daniel dani dan danny
daniela dani
dorothea doro thea
elisabeth elisa lisa liesel lisbeth elsbeth betty beth elizabeth liz
friedrich fritz fred
frederick fred freddy
gabriele gabi gaby
georg jorg schorsch george
gerhard gerd
gottfried gottfried friedel
heinrich heinz hinnerk henry
helmut helmi
jakob jacob jake kobi
jennifer jenny jenni
joseph josef sepp jupp joe seppl
jurgen jurg
karl carl charly charlie kalle
charles charlie chuck
katharina kathi kati katja katrin kathrin kate katie kathy catherine katherine
klaus claus nikolaus niklas
magdalena lena leni
margarete grete gretel margit margot greta marga maggie margaret
maria marie mia
matthias matze mathias matthew matt
maximilian max maxi
michael michi mike micha
nikolaus klaus niko nico nicolas nikolai
patricia patty tricia
peter pete
rebecca becky becca
richard rick ricky dick richie
robert bob bobby rob robby robbie
rudolf rudi rolf
sebastian basti seb
stefan steffen stephan steve steven stephen
susanne susi sanne suse susan sue
theodor theo ted
thomas tom tommy
tobias tobi
ulrich uli ulli
ursula uschi ulla
valentin valle
veronika vroni vera
walter walther walt
wilhelm willi willy wim bill william will
wolfgang wolf wolfi
william will bill billy
edward ed eddie ted
james jim jimmy
jonathan jon jonny
joshua josh
samuel sam sammy
samantha sam
nicholas nick nicky
anthony tony anton toni
antonia toni
joachim achim jochen
franziska franzi fanny
franz franzl
friederike frieda rike
gertrud gerda trude
hildegard hilde
ingeborg inge
josephine josefine fine josi
ludwig lutz
manfred manni
mathilde tilde tilly
reinhard reini
roswitha rosi
sophie sofia sophia
silvia sylvia
stephanie steffi stefanie
walburga walli
zacharias zack
""".strip()


def _build() -> dict[str, frozenset[str]]:
    """Each folded name → the full forms of the groups it belongs to."""
    groups: dict[str, set[str]] = {}
    for line in _GROUPS.splitlines():
        names = [fold(word) for word in line.split()]
        full = names[0]
        for name in names:
            groups.setdefault(name, set()).add(full)
    return {name: frozenset(fulls) for name, fulls in groups.items()}


_FULL_FORMS = _build()


def full_forms(folded_given: str) -> frozenset[str]:
    """The full forms a folded given name may stand for (itself when it has no line):
    ``hans`` → {``johannes``}, ``alex`` → {``alexander``, ``alexandra``}."""
    return _FULL_FORMS.get(folded_given, frozenset((folded_given,)))


def same_person_names(a: str, b: str) -> bool:
    """Whether two folded given names are variants of one name (Hans and Johannes)."""
    if a == b:
        return True
    return bool(full_forms(a) & full_forms(b))

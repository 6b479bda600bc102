"""The quiz engine: questions generated from the dataset (``make``), chosen and shuffled by a
seed (``pick``), replies judged (``judge``) and a game's score kept (``session``). Only a played
quiz needs the last two, so they are imported from their modules, not from here: ``--json`` and
the exports never load them.

Pure functions, no printing. Every question records the latest act it draws on (``act``), in
its text, its right answer or any option, so ``up_to_act`` can keep later acts out of a quiz.
"""

from cranes_cli.core.choices import DIFFICULTIES, TOPICS
from cranes_cli.core.quiz.make import GENERATORS, KIN, prompts, question_pool
from cranes_cli.core.quiz.pick import DEFAULT_COUNT, make_quiz
from cranes_cli.core.quiz.question import MAX_OPTIONS, TRUE_FALSE, Question, Quiz
from cranes_cli.core.spoilers import first_acts as first_appearances

__all__ = [
    "DEFAULT_COUNT",
    "DIFFICULTIES",
    "GENERATORS",
    "KIN",
    "MAX_OPTIONS",
    "TOPICS",
    "TRUE_FALSE",
    "Question",
    "Quiz",
    "first_appearances",
    "make_quiz",
    "prompts",
    "question_pool",
]

# ruff: noqa: SIM905  (word lists read best as one string)
"""Person clues: titles and roles that precede a name, and common given names."""

from __future__ import annotations

#: Capitalised words that are titles or roles before a name; never part of a PERSON span.
TITLES: frozenset[str] = frozenset(
    """
    Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Rev Rev.
    Reverend Father Sister Brother Saint St. President Vice Deputy Acting Interim Former
    Senator Sen. Rep. Representative Congressman Congresswoman Governor Gov. Mayor
    Minister Prime Premier Chancellor Secretary Ambassador Envoy Consul Commissioner
    Chairman Chairwoman Chair Chairperson Chief Executive Officer Director Manager Head
    President-elect Judge Justice Attorney General Gen. Lt. Col. Colonel Major Maj. Capt.
    Captain Commander Admiral Adm. Sergeant Sgt. Private Pvt. Officer Inspector Detective
    Spokesman Spokeswoman Spokesperson King Queen Prince Princess Crown Emir Sheikh Sultan
    Pope Cardinal Bishop Archbishop Rabbi Imam Ayatollah Supreme Leader Speaker Leader
    Majority Minority Whip Analyst Economist Professor Researcher Founder Co-founder
    Cofounder Chancellor Treasurer Auditor Ombudsman Sheriff Marshal Dean Rector Provost
    Coach Striker Midfielder Defender Goalkeeper Foreign Finance Defence Defense Interior
    Trade Health Economy Industry Justice Commerce Energy Labor Labour Education Agriculture
    Transport Transportation Culture Sports Tourism Environment Home Press Communications
    Republican Democrat Democratic Independent Labour Conservative Liberal Senior Junior
    Assistant Associate Executive Operating Financial Technology Marketing Sales Vice-President
    Mrs Madam Madame Monsieur Herr Frau Signor Dr Doctor Nurse Officer Agent Councillor
    Councilman Councilwoman Alderman Lawmaker Legislator Delegate Activist Lawyer Attorney
    """.split()
)

#: Lower-case role nouns: a capitalised run right after one of these is a person.
ROLE_NOUNS: frozenset[str] = frozenset(
    """
    spokesman spokeswoman spokesperson minister president chairman chairwoman chair
    director executive officer secretary senator governor mayor analyst economist professor
    fellow researcher scientist lawyer attorney judge leader chief head founder cofounder
    co-founder ceo cfo manager commissioner ambassador envoy adviser advisor aide
    correspondent reporter editor columnist author writer historian expert negotiator
    official diplomat general colonel captain commander admiral premier chancellor king queen
    prince princess emir sheikh sultan pope bishop activist campaigner lawmaker legislator
    congressman congresswoman representative candidate nominee strategist consultant
    economist investor banker trader partner owner boss coach player striker actor actress
    singer rapper artist star wife husband son daughter brother sister mother father uncle
    aunt cousin friend colleague deputy vice-president vice-chairman chairperson treasurer
    """.split()
)

#: Common given names (international news mix); a run starting with one is a person.
FIRST_NAMES: frozenset[str] = frozenset(
    """
    Aaron Abdul Abdullah Abdel Abraham Adam Adrian Ahmad Ahmed Aisha Alan Albert Alberto
    Alejandro Alex Alexander Alexandra Alexei Alexey Alfred Ali Alice Alicia Alison Amanda
    Amir Amy Ana Anders Andrea Andreas Andrew Andrés Andy Angela Angelina Anita Ann Anna
    Anne Annie Anthony Antonio Anwar Ariel Arnold Arthur Ashley Ashraf Barack Barbara Barry
    Ben Benjamin Bernard Bernie Beth Betty Bill Billy Bob Bobby Boris Brad Bradley Brandon
    Brenda Brett Brian Bruce Bruno Bryan Carl Carla Carlos Carmen Carol Caroline Catherine
    Charles Charlie Charlotte Chen Chris Christian Christina Christine Christopher Chuck
    Cindy Claire Claude Claudia Colin Connor Craig Cynthia Daniel Danielle Dana Dave David
    Dean Deborah Debra Dennis Derek Diana Diane Dick Dmitry Dominic Don Donald Donna Doug
    Douglas Dylan Ed Eddie Edward Elaine Elena Eli Elizabeth Ellen Elon Emily Emma Emmanuel
    Eric Erich Erik Ernest Ethan Eugene Eva Evan Fatima Felipe Fernando Francesco Francis
    Francisco Frank Franz Fred Frederick Fritz Gabriel Gary Gavin George Gerald Gerhard
    Giorgia Giuseppe Glen Glenn Gordon Grace Graham Greg Gregory Hamad Hamid Hannah Hans
    Harold Harry Hassan Heather Heinz Helen Helmut Henry Herbert Hillary Himanshu Howard
    Hugh Hugo Hussein Ian Igor Ibrahim Irene Isaac Ivan Jack Jackie Jacob Jacques Jake James
    Jamie Jan Jane Janet Jason Javier Jay Jean Jeff Jeffrey Jennifer Jens Jeremy Jerome
    Jerry Jesse Jessica Jill Jim Jimmy Joan Joe Joel Johann John Johnny Jon Jonathan Jordan
    Jorge Jose José Joseph Josh Joshua Juan Judith Judy Julia Julian Julie Justin Kamala
    Karen Karl Kate Katherine Kathleen Kathy Keith Kelly Ken Kenneth Kevin Khalid Kim
    Kimberly Klaus Kurt Kyle Larry Laura Lauren Lawrence Lee Leo Leon Leonard Linda Lisa
    Liz Lori Louis Louise Lucas Luis Luke Lynn Mahmoud Maria Marie Mario Mark Marco Marcus
    Margaret Maria Marina Mark Martha Martin Mary Maryann Matt Matthew Max Megan Melissa
    Michael Michel Michelle Miguel Mike Mitch Mohamed Mohammad Mohammed Muhammad Nancy
    Naomi Narendra Natalie Nathan Neil Nicholas Nick Nicola Nicolas Nicole Nikki Noah Norman
    Olaf Oliver Olga Omar Oscar Pamela Patricia Patrick Paul Paula Pedro Peter Philip
    Phillip Pierre Rachel Rainer Rajesh Ralph Ramon Randy Raul Ray Raymond Rebecca Recep
    Richard Rick Ricky Rishi Rob Robert Roberto Robin Roger Ron Ronald Rose Ross Roy Russell
    Ruth Ryan Saad Salman Sam Samantha Samuel Sandra Sara Sarah Scott Sean Sergei Sergey
    Shane Sharon Shawn Sheila Shirley Simon Sophie Stan Stanley Stefan Stephanie Stephen
    Steve Steven Stuart Susan Suzanne Sylvia Tamara Tanya Ted Teresa Terry Theresa Thomas
    Tim Timothy Tina Todd Tom Tommy Tony Tracy Ursula Valerie Vanessa Victor Victoria
    Vincent Virginia Vladimir Volodymyr Walter Wang Warren Wayne Wendy Werner William
    Willie Wolfgang Xavier Yasmin Yusuf Zach Zachary Zhang Joseph Keir Liz Rishi Justin
    Emmanuel Olaf Jens Antony Marco Nikki Ron Kevin Chuck Lindsey Ted Josh Elizabeth
    Mohammad Benjamin Yoav Isaac Naftali Yair Recep Mahmoud Bashar Abdel Fattah Ayatollah
    """.split()
)
